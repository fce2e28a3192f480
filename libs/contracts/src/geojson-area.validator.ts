import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { areaProblems } from '@lib/geo';

/** A GeoJSON Polygon or MultiPolygon with closed rings and [lng, lat] positions in range. */
export function IsGeoJsonArea(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isGeoJsonArea',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => areaProblems(value).length === 0,
        defaultMessage: (args: ValidationArguments) => `${args.property}: ${areaProblems(args.value).join('; ')}`,
      },
    });
}
