import { areaProblems } from './geojson-area';

const square = [[[4.8, 44.9], [4.95, 44.9], [4.95, 45.0], [4.8, 45.0], [4.8, 44.9]]];

describe('areaProblems', () => {
  it('accepts a closed polygon and a multipolygon', () => {
    expect(areaProblems({ type: 'Polygon', coordinates: square })).toEqual([]);
    expect(areaProblems({ type: 'MultiPolygon', coordinates: [square] })).toEqual([]);
  });

  it('rejects an open ring, swapped or out-of-range positions and other types', () => {
    const open = [[[4.8, 44.9], [4.95, 44.9], [4.95, 45.0], [4.8, 45.0]], ];
    expect(areaProblems({ type: 'Polygon', coordinates: [[...open[0], [4.81, 44.9]]] })).toContain('a ring must end where it starts');
    expect(areaProblems({ type: 'Polygon', coordinates: [[[44.9, 190], [45, 4.9], [45, 5], [44.9, 190]]] })[0]).toMatch(/lng in ±180/);
    expect(areaProblems({ type: 'Point', coordinates: [4.8, 44.9] })).toEqual(['type must be "Polygon" or "MultiPolygon"']);
    expect(areaProblems('square')).toEqual(['must be a GeoJSON Polygon or MultiPolygon']);
  });
});
