import { describe, expect, it } from 'vitest';
import { buildBody, buildFormErrors, guessCoordinates, type BuildForm } from './weights-form';

const form: BuildForm = {
  datasetId: 'd',
  name: ' knn4 ',
  method: 'knn',
  coordinates: 'lonlat',
  first: 'lon',
  second: 'lat',
  greatCircle: true,
  k: '4',
  threshold: '',
  power: '1',
  cutoff: '',
  variable: '',
  phi: '0.5',
};

describe('buildBody', () => {
  it('sends the method, its parameter and the coordinate columns', () => {
    expect(buildBody(form, 't')).toEqual({
      teamId: 't',
      name: 'knn4',
      datasetId: 'd',
      lon: 'lon',
      lat: 'lat',
      greatCircle: true,
      method: 'knn',
      k: 4,
    });
    expect(
      buildBody({ ...form, method: 'inverse-distance', coordinates: 'xy', cutoff: '250' }, 't'),
    ).toMatchObject({
      x: 'lon',
      y: 'lat',
      method: 'inverse-distance',
      power: 1,
      cutoff: 250,
    });
  });
  it('sends no coordinates for economic distance', () => {
    expect(buildBody({ ...form, method: 'economic', variable: 'lgsp' }, 't')).toEqual({
      teamId: 't',
      name: 'knn4',
      datasetId: 'd',
      method: 'economic',
      variable: 'lgsp',
    });
  });
});

describe('buildFormErrors', () => {
  it('names the fields a build cannot use', () => {
    const errors = buildFormErrors({ ...form, k: '0', second: 'lon', method: 'knn' });
    expect(errors.k).toBeDefined();
    expect(errors.second).toBe('The two coordinates must be different columns.');
    expect(buildFormErrors({ ...form, method: 'nested', phi: '1.5' }).phi).toBeDefined();
    expect(Object.values(buildFormErrors(form)).filter(Boolean)).toEqual([]);
  });
});

describe('guessCoordinates', () => {
  it('finds longitude and latitude, else x and y', () => {
    expect(guessCoordinates(['state', 'Longitude', 'Latitude'])).toEqual({
      coordinates: 'lonlat',
      first: 'Longitude',
      second: 'Latitude',
    });
    expect(guessCoordinates(['id', 'x', 'y'])).toEqual({ coordinates: 'xy', first: 'x', second: 'y' });
  });
});
