import L from 'leaflet';
import type { CooperativeView, MerchantView } from '@lib/wire';
import { api } from '../shared/api-client';
import { h } from '../shared/dom';
import { t } from '../shared/i18n';
import { createMap, drawServiceArea, markerColors } from '../shared/map';
import { startSignedInPage } from '../shared/start-page';
import { OrderForm } from './order-form';
import { OrdersList } from './orders-list';

void startSignedInPage('merchant', 'merchant.title', ['merchant'], async ({ config, session, shell }) => {
  const mapElement = h('div', { class: 'map', id: 'map' });
  const left = h('div', { class: 'stack' });
  const orders = new OrdersList();
  shell.main.append(h('div', { class: 'merchant' }, left, h('div', { class: 'stack' }, mapElement, orders.element)));
  const map = createMap(mapElement, config.tileUrl);

  const [cooperative, merchant] = await Promise.all([
    session.user.cooperativeId ? api<CooperativeView>('GET', `/cooperatives/${session.user.cooperativeId}`) : null,
    session.user.merchantId ? api<MerchantView>('GET', `/merchants/${session.user.merchantId}`) : null,
  ]);
  drawServiceArea(map, cooperative?.serviceArea);
  if (merchant?.location) {
    L.circleMarker(merchant.location, { radius: 8, color: '#ffffff', weight: 2, fillColor: markerColors.pickup, fillOpacity: 1 })
      .bindTooltip(`${t('map.pickup')}: ${merchant.name}`)
      .addTo(map);
  }
  const form = new OrderForm(map, cooperative?.serviceArea ?? null, () => {
    shell.announce(t('merchant.placed'));
    void orders.refresh();
  });
  left.append(form.element);
  await orders.refresh().catch((error: Error) => shell.announce(error.message, 'error'));
});
