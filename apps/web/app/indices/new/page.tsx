'use client';

import '../../../components/measurement/measurement.css';
import { Suspense } from 'react';
import { IndexBuilder } from '../../../components/measurement/IndexBuilder';
import { ComposerDataset } from '../../../lib/composer-dataset';

export default function NewIndexPage() {
  return (
    <Suspense>
      <ComposerDataset action="Build index">
        {(dataset) => <IndexBuilder dataset={dataset} />}
      </ComposerDataset>
    </Suspense>
  );
}
