import { MdrpCourier, MdrpParameters } from '../mdrp/instance';

/** The MDRP pay rule: p1 per delivered order, but at least p2 per shift hour. */
export function courierPay(courier: MdrpCourier, ordersDelivered: number, parameters: MdrpParameters): CourierPay {
  const shiftHours = (courier.offAt - courier.onAt) / 60;
  const orderPay = parameters.payPerOrder * ordersDelivered;
  const pay = Math.max(orderPay, parameters.guaranteedPayPerHour * shiftHours);
  return { shiftHours, orderPay, pay, payPerShiftHour: pay / shiftHours, orderPayPerShiftHour: orderPay / shiftHours };
}

export interface CourierPay {
  readonly shiftHours: number;
  /** Order earnings alone (p1 × orders). */
  readonly orderPay: number;
  /** What the courier is paid, guarantee included. */
  readonly pay: number;
  readonly payPerShiftHour: number;
  readonly orderPayPerShiftHour: number;
}
