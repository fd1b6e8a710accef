/** Help texts of the `spillover` command. */

export const generalHelp = `spillover - spatial panel econometrics from the command line

Usage:
  spillover fit SPEC.json [--pretty] [--write-csv OUT.csv]
  spillover validate DATA.csv --unit COLUMN --time COLUMN [--pretty]
  spillover demo --out DIR [--seed N] [--cities N]
  spillover study [--out DIR] [--seed N] [--cities N] [--quick]
  spillover schema [spec|result] [--pretty]
  spillover help [COMMAND]
  spillover --help | --version

Commands:
  fit        Run an analysis spec (JSON, contract v1) and print the result JSON on stdout.
  validate   Check a panel CSV and print its validation report (columns, balance, missing unit-periods).
  demo       Write the simulated demo panel (cities 2001-2023), its texts, weights and DGP.
  study      Run the whole demo study in process and write report.html, tables and results.
  schema     Print the JSON Schema of the analysis spec (default) or of the result.
  help       Show this text, or the help of one command.

Options:
  --pretty   Indent the JSON output.
  --help, -h Show help.
  --version  Print the version.

Exit codes: 0 success; 2 bad input (spec, data, weights, arguments), with one line
"spillover: <message>" on stderr naming the field, column, row or cell; 1 unexpected error.
`;

export const commandHelp: Record<string, string> = {
  fit: `Usage: spillover fit SPEC.json [--pretty] [--write-csv OUT.csv]

Runs one analysis spec and prints its result JSON on stdout.

The spec is a JSON document (see docs/analysis-spec.md), for example
  { "kind": "regression", "data": "panel.csv", "unit": "state", "time": "year",
    "y": "lgsp", "x": ["lpcap", "lpc"], "model": "fe", "effects": "twoways", "vcov": "cluster" }
Paths inside the spec ("data" and "weights.path") are relative to the spec file.
A weights.path ending in .geojson (or any path with "contiguity": "queen" | "rook") builds contiguity
weights from the map's polygons; "idProperty" names the feature property holding the unit id.

Options:
  --pretty             Indent the JSON output (two spaces).
  --write-csv OUT.csv  Measurement kinds (transform, entropy-index, location-quotient, keyword-count):
                       also write the panel with the new columns appended to OUT.csv.

Exit code 2 and one line on stderr when the spec, the panel or the weights are invalid.
`,
  validate: `Usage: spillover validate DATA.csv --unit COLUMN --time COLUMN [--pretty]

Parses a long-format panel CSV (one row per unit and period, header row) and prints its
validation report: rows, units, periods, whether it is balanced, the missing unit-periods,
and every column typed numeric or text with its count of missing cells.

Options:
  --unit COLUMN   The unit id column (required).
  --time COLUMN   The period column (required).
  --pretty        Indent the JSON output (two spaces).

Exit code 2 and one line on stderr for an empty file, a malformed line, a missing
unit/time column or a duplicate unit-period.
`,
  demo: `Usage: spillover demo --out DIR [--seed N] [--cities N] [--city-list PATH] [--pretty]

Writes a SIMULATED panel of Chinese prefecture-level cities, 2001-2023, with a documented
data-generating process (digital-economy agglomeration -> urban resilience, spatial spillovers):
  panel.csv               one row per city and year (unit "code", time "year")
  texts.csv               synthetic government work reports (code,year,text)
  W-knn.csv               the DGP's k-nearest-neighbour weights (edge list)
  W-inverse-distance.csv  inverse-distance weights (edge list)
  dgp.json                parameters, equations and implied true values
  README.md               description and attributions of the city list
The same seed gives byte-identical files. Prints a JSON summary on stdout.

Options:
  --out DIR          Output folder (created if needed; required).
  --seed N           Random seed (default 1).
  --cities N         Use N cities evenly spaced through the list (default: all 337).
  --city-list PATH   The city list CSV (default: the copy of ../shared/data/china-prefecture-cities.csv
                     bundled with @spillover/demo).
`,
  study: `Usage: spillover study [--out DIR] [--seed N] [--cities N] [--quick] [--city-list PATH] [--pretty]

Runs the digital-economy agglomeration -> urban resilience study on the simulated demo panel,
in process (no database or queue): entropy index, location quotient, keyword index, baseline
two-way FE, mediation with cluster bootstrap, Moran's I by year, LM tests, SDM under kNN,
inverse-distance and economic weights, dynamic SDM, heterogeneity and robustness checks.
Progress lines go to stderr; a JSON summary to stdout.

Writes to DIR (default ./spillover-study):
  report.html        self-contained report (inline CSS and SVG), true DGP values beside estimates
  tables/*.tex|csv   booktabs LaTeX and CSV tables
  results/*.json     every step's spec and result
  data/              the demo files and the derived analysis panels and weights

Options:
  --seed N           Random seed of the demo data and the resampling (default 1).
  --cities N         Number of cities (default all 337; 60 with --quick).
  --quick            Fewer cities, bootstrap replications and impact draws (for tests).
  --city-list PATH   The city list CSV (default: the copy of ../shared/data/china-prefecture-cities.csv
                     bundled with @spillover/demo).
`,
  help: `Usage: spillover help [COMMAND]

Shows the general help, or the help of COMMAND (fit, validate, demo, study, schema).
`,
  schema: `Usage: spillover schema [spec|result] [--pretty]

Prints the JSON Schema (draft 2020-12) of the analysis spec as written (every kind, with its fields,
defaults and allowed values) or of the result JSON that fit prints, e.g. for an editor's validation:
  spillover schema --pretty > analysis-spec.schema.json
A few rules JSON Schema cannot express (such as weights.id excluding file options) are checked by fit.
`,
};
