/**
 * Where could a new network project be formed? A project serves at least 10 workers from at most 3 firms of one
 * sector (fact sheet), so staff look, per sector and province, at the open leads no project has taken yet, grouped
 * by firm (names compared as in matching: legal forms, case and small typos ignored), and at the best choice of up
 * to three firms, which is simply the three with most workers. Pure.
 */
import { coreDistance, firmCore } from './firmName';

/** What group formation needs of a lead (structurally satisfied by Lead). */
export interface GroupLead {
  status: string;
  projectId: string | null;
  province?: string;
  employer?: { name?: string; sector?: string };
}

export interface FirmCount {
  /** the most common spelling of the firm among the leads */
  firm: string;
  workers: number;
}

export interface GroupCandidate {
  sector: string;
  province: string;
  /** the best combination: up to `maxFirms` firms with most workers, most first */
  firms: FirmCount[];
  /** workers of `firms` */
  workers: number;
  /** workers >= minWorkers: these firms could form a project */
  canForm: boolean;
  /** the sector's other firms in the province, beyond the best combination */
  otherFirms: FirmCount[];
  /** open leads of this sector and province that named no firm (not counted: the rule is about firms) */
  withoutFirm: number;
}

export interface GroupFormationOptions {
  /** default 10 (fact sheet) */
  minWorkers?: number;
  /** default 3 (fact sheet) */
  maxFirms?: number;
  /** count leads already assigned to a project too (default false: only the unassigned ones) */
  includeAssigned?: boolean;
}

const OPEN = new Set(['new', 'claimed', 'contacted', 'enrolled']);

interface Cluster {
  core: string;
  /** firmCore(core), what a new name is compared with (computed once: it is compared with every new name) */
  compared: string;
  /** letters of `compared` without spaces: a name more than 2 letters longer or shorter cannot be within 2 */
  letters: number;
  spellings: Map<string, number>;
  workers: number;
}

/** Clusters of one sector and province, found by their exact core first (one map lookup per lead). */
interface ClusterSet {
  list: Cluster[];
  /** every core seen, to the cluster it joined (its own or, within two typos, an earlier one) */
  byCore: Map<string, Cluster>;
}

function label(cluster: Cluster): string {
  let best = '';
  let count = -1;
  for (const [spelling, n] of cluster.spellings) {
    if (n > count) {
      best = spelling;
      count = n;
    }
  }
  return best;
}

/**
 * Group formation fed a few leads at a time (`add`), so a caller reading many leads can yield to the event loop
 * between chunks; `candidates()` gives the same answer as `groupFormation` over every lead added, in that order.
 */
export class GroupFormation {
  private readonly minWorkers: number;
  private readonly maxFirms: number;
  private readonly includeAssigned: boolean;
  private readonly groups = new Map<string, { sector: string; province: string; clusters: ClusterSet; withoutFirm: number }>();

  constructor(options: GroupFormationOptions = {}) {
    this.minWorkers = options.minWorkers ?? 10;
    this.maxFirms = options.maxFirms ?? 3;
    this.includeAssigned = options.includeAssigned ?? false;
  }

  add(leads: Iterable<GroupLead>): void {
    for (const lead of leads) this.addLead(lead);
  }

  /**
   * One lead: a map lookup when its firm's core was seen before in its sector and province, else a comparison with
   * each cluster there (the costly case: a caller bounding its time slices counts leads, not chunks).
   */
  addLead(lead: GroupLead): void {
    if (!OPEN.has(lead.status)) return;
    if (lead.projectId !== null && !this.includeAssigned) return;
    const sector = lead.employer?.sector?.trim().toLowerCase();
    const province = lead.province?.trim().toUpperCase();
    if (!sector || !province) return;
    const key = `${sector}|${province}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { sector, province, clusters: { list: [], byCore: new Map() }, withoutFirm: 0 };
      this.groups.set(key, group);
    }
    const name = lead.employer?.name?.replace(/\s+/g, ' ').trim() ?? '';
    const core = firmCore(name);
    if (!core) {
      group.withoutFirm += 1;
      return;
    }
    const letters = core.replace(/ /g, '').length;
    // the first cluster with this exact core, else the first (in order of creation) within two typos, as before
    let cluster =
      group.clusters.byCore.get(core) ??
      group.clusters.list.find((c) => {
        // coreDistance <= 2 needs letter counts within 2 of each other (cheap test first)
        if (Math.abs(c.letters - letters) > 2) return false;
        const d = coreDistance(core, c.compared);
        return d !== undefined && d <= 2;
      });
    if (!cluster) {
      const compared = firmCore(core);
      cluster = { core, compared, letters: compared.replace(/ /g, '').length, spellings: new Map(), workers: 0 };
      group.clusters.list.push(cluster);
    }
    // the next lead with this core finds its cluster in one lookup: the scan would give the same one (a core within
    // two typos of a cluster never founds one of its own, and clusters founded later come after it)
    group.clusters.byCore.set(core, cluster);
    cluster.workers += 1;
    cluster.spellings.set(name, (cluster.spellings.get(name) ?? 0) + 1);
  }

  candidates(): GroupCandidate[] {
    const result: GroupCandidate[] = [];
    for (const group of this.groups.values()) {
      const firms = group.clusters.list
        .map((c): FirmCount => ({ firm: label(c), workers: c.workers }))
        .sort((a, b) => b.workers - a.workers || a.firm.localeCompare(b.firm, 'it'));
      const best = firms.slice(0, this.maxFirms);
      const workers = best.reduce((sum, f) => sum + f.workers, 0);
      result.push({
        sector: group.sector,
        province: group.province,
        firms: best,
        workers,
        canForm: workers >= this.minWorkers,
        otherFirms: firms.slice(this.maxFirms),
        withoutFirm: group.withoutFirm,
      });
    }
    return result.sort(
      (a, b) =>
        Number(b.canForm) - Number(a.canForm) ||
        b.workers - a.workers ||
        a.sector.localeCompare(b.sector) ||
        a.province.localeCompare(b.province),
    );
  }
}

export function groupFormation(leads: readonly GroupLead[], options: GroupFormationOptions = {}): GroupCandidate[] {
  const formation = new GroupFormation(options);
  formation.add(leads);
  return formation.candidates();
}
