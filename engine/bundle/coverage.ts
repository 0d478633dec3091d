/** How much of each framework the rule library covers: a control counts once at least one rule cites it. */
import type { FrameworkCatalog, RuleMetadata } from './types.js';

export interface FrameworkCoverage {
  framework: string;
  name: string;
  controls: number;
  automated: number;
  covered: number;
  not_covered: number;
  /** Controls no rule cites, with what data would decide them where the catalog says. */
  uncovered: Array<{ id: string; title: string; automated: boolean; needs_data?: string }>;
}

export function frameworkCoverage(catalogs: Map<string, FrameworkCatalog>, rules: RuleMetadata[]): FrameworkCoverage[] {
  return [...catalogs.values()].map((catalog) => {
    const cited = new Set(rules.flatMap((r) => r.frameworks[catalog.id] ?? []));
    const controls = catalog.controls.filter((c) => !c.withdrawn);
    const uncovered = controls
      .filter((c) => !cited.has(c.id))
      .map((c) => ({ id: c.id, title: c.title, automated: c.automated, ...(c.needs_data ? { needs_data: c.needs_data } : {}) }));
    return {
      framework: catalog.id,
      name: catalog.name,
      controls: controls.length,
      automated: controls.filter((c) => c.automated).length,
      covered: controls.length - uncovered.length,
      not_covered: uncovered.length,
      uncovered,
    };
  });
}
