/**
 * Which network project a worker should be referred to (pure).
 *
 * 1. `firm`: the firm the worker named is one a project covers (legal forms, case, punctuation and small typos
 *    ignored). The project is for that firm's workers, wherever they live, so province does not matter here.
 * 2. `province_sector`: a project working in the worker's province and sector. Projects are built around up to
 *    three firms of one sector or supply chain, so a same-sector worker of another firm can often join.
 * 3. Otherwise no project (null): the lead waits, unassigned, for staff.
 *
 * There is deliberately no "province only" rule: a project serves workers of its firms and sector, and sending a
 * worker of another sector to its operator would only delay them; staff triage does better.
 */
import { CONTAINED, firmDistance } from './firmName';
import type { NetworkProject } from './project';

export interface MatchFacts {
  /** the employer's name as the worker typed it */
  firmName?: string;
  /** province code of the worker's workplace (precheck answer) */
  province?: string;
  /** sector code (SECTORS) */
  sector?: string;
}

export type MatchRule = 'firm' | 'province_sector';

export interface ProjectMatch {
  project: NetworkProject;
  by: MatchRule;
  /** the project's firm that matched (rule `firm`) */
  firm?: string;
}

type Candidate = { project: NetworkProject; firm?: string; distance: number };

/** Closer match first; then the project working in the worker's province; then the more local one; then by id. */
function rank(facts: MatchFacts, a: Candidate, b: Candidate): number {
  if (a.distance !== b.distance) return a.distance - b.distance;
  const province = (facts.province ?? '').toUpperCase();
  const inA = (a.project.provinces as string[]).includes(province) ? 0 : 1;
  const inB = (b.project.provinces as string[]).includes(province) ? 0 : 1;
  if (inA !== inB) return inA - inB;
  const sectorA = facts.sector && (a.project.sectors as string[]).includes(facts.sector) ? 0 : 1;
  const sectorB = facts.sector && (b.project.sectors as string[]).includes(facts.sector) ? 0 : 1;
  if (sectorA !== sectorB) return sectorA - sectorB;
  if (a.project.provinces.length !== b.project.provinces.length) return a.project.provinces.length - b.project.provinces.length;
  return a.project._id < b.project._id ? -1 : a.project._id > b.project._id ? 1 : 0;
}

export function matchProject(facts: MatchFacts, projects: readonly NetworkProject[]): ProjectMatch | null {
  const active = projects.filter((p) => p.active);

  const firmName = facts.firmName?.trim();
  if (firmName) {
    const byFirm: Candidate[] = [];
    for (const project of active) {
      let best: Candidate | undefined;
      for (const firm of project.firms) {
        const distance = firmDistance(firmName, firm);
        if (distance !== undefined && (!best || distance < best.distance)) best = { project, firm, distance };
      }
      if (best) byFirm.push(best);
    }
    if (byFirm.length > 0) {
      const [best] = byFirm.sort((a, b) => rank(facts, a, b));
      return { project: best.project, by: 'firm', firm: best.firm };
    }
  }

  const province = facts.province?.trim().toUpperCase();
  const sector = facts.sector?.trim().toLowerCase();
  if (province && sector) {
    const local = active
      .filter((p) => (p.provinces as string[]).includes(province) && (p.sectors as string[]).includes(sector))
      .map((project): Candidate => ({ project, distance: CONTAINED + 1 }));
    if (local.length > 0) {
      const [best] = local.sort((a, b) => rank(facts, a, b));
      return { project: best.project, by: 'province_sector' };
    }
  }
  return null;
}
