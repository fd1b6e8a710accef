/** The demo panel's unit and time columns, and the controls of every regression of the study. */
export const panelIds = { unit: 'code', time: 'year' } as const;

export const CONTROLS = ['ln_popden', 'fiscal_share', 'fdi_share', 'fin_dev'];
