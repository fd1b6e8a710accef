import type { ComponentType, ReactNode } from 'react';
import { ProgressBar } from '../ProgressBar';
import { StatusBadge } from '../StatusBadge';
import { groupStepsByPhase, stepDetail } from './study-progress';
import type { StudyStepItem } from './types';

/** A link element: the portal passes its router-aware link (next/link), plain `<a>` otherwise. */
export type StudyLinkComponent = ComponentType<{ href: string; className?: string; children: ReactNode }>;

const PlainLink: StudyLinkComponent = ({ href, className, children }) => (
  <a href={href} className={className}>
    {children}
  </a>
);

export interface StudyStepListProps {
  steps: readonly StudyStepItem[];
  link?: StudyLinkComponent;
}

/**
 * The study's steps in order, grouped by phase: each with its status, its analysis link, a progress
 * bar (done/total, time left) while it runs and the reason when it failed.
 */
export function StudyStepList({ steps, link: Link = PlainLink }: StudyStepListProps) {
  let position = 0;
  return (
    <div className="sp-study-steps" data-testid="study-steps">
      {groupStepsByPhase(steps).map((group) => (
        <section key={group.phase} className="sp-study-phase" data-phase={group.phase}>
          <h3>{group.label}</h3>
          <ol start={position + 1}>
            {group.steps.map((step) => {
              position += 1;
              return (
                <li
                  key={step.key}
                  className="sp-study-step"
                  data-testid="study-step"
                  data-step={step.key}
                  data-status={step.status}
                >
                  <div className="sp-study-step-head">
                    <span className="sp-study-step-title">{step.title}</span>
                    <StatusBadge status={step.status} testId="step-status" />
                    {step.href && (
                      <Link href={step.href} className="sp-study-step-link">
                        analysis
                      </Link>
                    )}
                  </div>
                  {step.status === 'running' && (
                    <ProgressBar
                      label="Step progress"
                      done={step.done ?? 0}
                      total={step.total ?? 0}
                      detail={stepDetail(step)}
                      testId="step-progress"
                    />
                  )}
                  {step.status === 'failed' && step.error && (
                    <p className="sp-study-step-error" data-testid="step-error">
                      {step.error.message}
                      {step.error.code && <span className="sp-error-code"> ({step.error.code})</span>}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}
