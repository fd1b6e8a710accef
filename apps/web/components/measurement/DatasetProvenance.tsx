import type { DatasetView } from '@spillover/contracts';
import Link from 'next/link';

/** Where a platform-made dataset version comes from: a measurement analysis of another version, texts or a study. */
export function DatasetProvenance({ dataset }: { dataset: DatasetView }) {
  const recipe = dataset.recipe;
  if (!recipe) return null;
  if (recipe.source === 'texts') {
    return (
      <p className="provenance" data-testid="provenance">
        Texts panel from an uploaded {recipe.format === 'zip' ? 'ZIP archive' : 'CSV'} of {recipe.texts} texts
        (column <code>{recipe.textColumn}</code>).{' '}
        <Link href={`/texts/new?datasetId=${dataset.id}`}>Count keywords</Link>
      </p>
    );
  }
  if (recipe.source === 'study') {
    return (
      <p className="provenance" data-testid="provenance">
        Simulated {recipe.role} panel stored by <Link href={`/studies/${recipe.studyId}`}>a study</Link>.
      </p>
    );
  }
  return (
    <p className="provenance" data-testid="provenance">
      Derived from{' '}
      <Link href={`/datasets/${recipe.sourceDatasetId}`}>
        {recipe.sourceName} v{recipe.sourceVersion}
      </Link>{' '}
      by the <Link href={`/analyses/${recipe.analysisId}`}>{recipe.spec.kind} analysis</Link>, adding{' '}
      {recipe.columns.map((c, i) => (
        <span key={c}>
          {i > 0 && ', '}
          <code>{c}</code>
        </span>
      ))}
      .
    </p>
  );
}
