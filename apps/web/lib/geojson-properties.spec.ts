import { describe, expect, it } from 'vitest';
import { geojsonProperties } from './geojson-properties';

const feature = (properties: unknown) => ({
  type: 'Feature',
  properties,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  },
});

describe('geojsonProperties', () => {
  it('lists the first feature’s scalar properties and guesses the id by name', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [feature({ area: 1.5, CODE: 'AL', tags: ['x'], label: 'Alabama' }), feature({ CODE: 'AK' })],
    });
    expect(geojsonProperties(text)).toEqual({ properties: ['area', 'CODE', 'label'], guess: 'CODE' });
  });

  it('falls back to the first string or integer property', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [feature({ share: 0.5, key: 'k1' })],
    });
    expect(geojsonProperties(text).guess).toBe('key');
  });

  it('explains files it cannot use', () => {
    expect(() => geojsonProperties('{"type":')).toThrow('not valid JSON');
    expect(() => geojsonProperties('{"type":"Feature"}')).toThrow('not a GeoJSON FeatureCollection');
    expect(() => geojsonProperties('{"type":"FeatureCollection","features":[]}')).toThrow('no features');
    expect(() =>
      geojsonProperties(JSON.stringify({ type: 'FeatureCollection', features: [feature(null)] })),
    ).toThrow('Feature 0 has no string or number properties');
  });
});
