// The report's page script (docs/SPEC.md §8): the reader in the page. Plain JavaScript,
// no dependency, nothing fetched. It reads the model embedded by data.rs, computes what
// src/view computes at any view date, base date, minimum confidence and filter (each
// function below names the one it follows), says it in the same words, and lays them
// out as src/export/html does. tests/report_browser.rs holds the words of every fixture
// at every date to the library's, through window.stancesReport.words().
(function () {
  'use strict';

  const D = JSON.parse(document.getElementById('stances-data').textContent);
  const W = D.words;
  const P = D.positions;
  const NI = D.issues.length;
  const NP = D.parties.length;

  // ---------------------------------------------------------------- text (sanitize.rs)

  // Rust's char::is_whitespace: the Unicode White_Space property.
  const WS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
  const WS_RUN = new RegExp('[' + WS + ']+', 'g');
  /** char::is_whitespace of a code point. */
  const isSpace = (c) => (c >= 9 && c <= 13) || c === 32 || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
  const WS_EDGES = new RegExp('^[' + WS + ']+|[' + WS + ']+$', 'g');

  /** sanitize::one_line on text already cleaned: white space runs as one space, trimmed. */
  function oneLine(s) {
    return s.replace(WS_RUN, ' ').replace(WS_EDGES, '');
  }

  /** Escapes text for HTML content or a quoted attribute (export/escape.rs). */
  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({
      '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
    })[c]);
  }

  /** `text` with its first letter in capitals (html/mod.rs upper_first). */
  function upperFirst(s) {
    const first = String.fromCodePoint(s.codePointAt(0) || 0);
    return s ? first.toUpperCase() + s.slice(first.length) : s;
  }

  /** Rust's `{:.2}` of a number in [0, 1]: correctly rounded, ties to even. */
  function fixed2(x) {
    // A double is exactly halfway between two hundredths only at an odd multiple of 1/8.
    const eighths = x * 8;
    if (Number.isInteger(eighths) && eighths % 2 !== 0) {
      let n = Math.floor(x * 100);
      if (n % 2 !== 0) n += 1;
      return Math.floor(n / 100) + '.' + String(n % 100).padStart(2, '0');
    }
    return x.toFixed(2);
  }

  // ---------------------------------------------------------------- the model (model/mod.rs)

  const byDate = (a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  const HISTORY = new Map();
  P.forEach((p, i) => {
    const k = p.issue * NP + p.party;
    if (!HISTORY.has(k)) HISTORY.set(k, []);
    HISTORY.get(k).push(i);
  });
  // Oldest first, undated first; a stable sort keeps file order among equals.
  for (const list of HISTORY.values()) list.sort((a, b) => byDate(P[a].as_of, P[b].as_of));
  /** Model::history: the positions of a cell, oldest first (undated first). */
  const history = (issue, party) => HISTORY.get(issue * NP + party) || [];
  const cellKey = (issue, party) => issue * NP + party;

  // ---------------------------------------------------------------- state.rs

  const RANK = { low: 1, moderate: 2, high: 3 };
  /** effective_confidence: its own, or moderate when unset. */
  const effective = (p) => p.confidence || 'moderate';
  /** meets: true when position `p` counts under a minimum confidence. */
  const meets = (p, min) => !min || RANK[effective(p)] >= RANK[min];

  /** cell_state: the position a cell shows at `date` and the one whose stance stands. */
  function cellState(issue, party, date, min) {
    let shown = null;
    let standing = null;
    for (const id of history(issue, party)) {
      const p = P[id];
      if (p.as_of !== null && date !== null && p.as_of > date) break;
      if (!meets(p, min)) continue;
      shown = id;
      if (p.status === 'withdrawn') standing = null;
      else if (p.stance !== null) standing = id;
    }
    return { shown, standing };
  }

  /**
   * stance_since: the date of the earliest position of the cell, up to `standing`, that
   * takes the same stance with no other stance and no withdrawal between (a statement
   * without a stance does not break it); null when that one is undated.
   */
  function stanceSince(standing, min) {
    const p = P[standing];
    let start;
    for (const id of history(p.issue, p.party)) {
      const q = P[id];
      if (meets(q, min) || id === standing) {
        if (q.status === 'withdrawn') start = undefined;
        else if (q.stance !== null) {
          if (q.stance === p.stance) {
            if (start === undefined) start = q.as_of;
          } else start = undefined;
        }
      }
      if (id === standing) break;
    }
    return start === undefined ? p.as_of : start;
  }

  /** Grid::at: every cell's state at `date`. */
  function gridAt(date, min) {
    const shown = new Array(NI * NP).fill(null);
    const standing = new Array(NI * NP).fill(null);
    for (let i = 0; i < NI; i++) {
      for (let p = 0; p < NP; p++) {
        const s = cellState(i, p, date, min);
        shown[cellKey(i, p)] = s.shown;
        standing[cellKey(i, p)] = s.standing;
      }
    }
    return { shown, standing };
  }

  // ---------------------------------------------------------------- filter.rs, mod.rs

  /** Filter::admits: the status and confidence filters. */
  function admits(f, p) {
    const statusOk = !f.statuses || (p.status !== null && f.statuses.includes(p.status));
    const confidenceOk = !f.confidences || (p.confidence !== null && f.confidences.includes(p.confidence));
    return statusOk && confidenceOk;
  }

  /** Filter::visible: the issues and parties shown, in file order. */
  function visible(f, shown) {
    const range = (n) => Array.from({ length: n }, (_, i) => i);
    let issues = range(NI).filter((i) => !f.issues || f.issues.includes(i));
    let parties = range(NP).filter((p) => !f.parties || f.parties.includes(p));
    if (f.hide_empty) {
      const has = (i, p) => shown[cellKey(i, p)] !== null && admits(f, P[shown[cellKey(i, p)]]);
      const all = parties.slice();
      issues = issues.filter((i) => all.some((p) => has(i, p)));
      parties = parties.filter((p) => issues.some((i) => has(i, p)));
    }
    return { issues, parties };
  }

  /**
   * View::filtered(...).with_base(base): the grid at `date` (latest when null) under
   * filter `f` (parties, issues, statuses, confidences, min_confidence, hide_empty).
   */
  function makeView(date, f, base) {
    const dates = D.dates;
    if (date === null) date = dates.length ? dates[dates.length - 1] : null;
    const min = f.min_confidence || null;
    const grid = gridAt(date, min);
    const v = {
      date, filter: f, min, shown: grid.shown, standing: grid.standing, base: null,
      horizon: { date, min },
    };
    Object.assign(v, visible(f, grid.shown));
    if (base !== null && base !== undefined) {
      v.base = withVia(diffBetween(base, gridAt(base, min), date, grid), min);
    }
    return v;
  }

  /** View::position_at: the position shown in a cell, if the filter admits it. */
  function positionAt(v, issue, party) {
    const id = v.shown[cellKey(issue, party)];
    return id !== null && admits(v.filter, P[id]) ? id : null;
  }
  const standingAt = (v, issue, party) => v.standing[cellKey(issue, party)];
  /** View::earlier_standing: the standing position when it is not the one shown. */
  function earlierStanding(v, issue, party) {
    const shown = positionAt(v, issue, party);
    if (shown === null) return null;
    const s = standingAt(v, issue, party);
    return s !== null && s !== shown ? s : null;
  }
  /** View::caption. */
  const caption = (v) => (v.date !== null ? D.title + ' — as of ' + v.date : D.title);

  // ---------------------------------------------------------------- evidence.rs

  /** day_number: days since 1970-01-01 (proleptic Gregorian). */
  function dayNumber(d) {
    const m = Number(d.slice(5, 7));
    const day = Number(d.slice(8, 10));
    let y = Number(d.slice(0, 4));
    if (m <= 2) y -= 1;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const mp = (m + 9) % 12;
    const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  /** Horizon::admits. */
  function inHorizon(h, p) {
    const datedIn = p.as_of !== null && h.date !== null ? p.as_of <= h.date : true;
    return datedIn && meets(p, h.min);
  }

  /** contested: why a position is contested at horizon `h`, if it is. */
  function contested(id, h) {
    const p = P[id];
    if (p.contested !== null) return { curator: p.contested };
    if (p.stance === null || p.as_of === null) return null;
    let best = null;
    for (const i of history(p.issue, p.party)) {
      if (i === id) continue;
      const q = P[i];
      if (q.as_of === null) continue;
      const days = Math.abs(dayNumber(p.as_of) - dayNumber(q.as_of));
      if (days < 1 || days > W.contested_window_days || !inHorizon(h, q)) continue;
      let why;
      if (q.stance !== null) {
        if (Math.abs(q.stance - p.stance) < 2) continue;
        why = { stance: i };
      } else if (RANK[effective(q)] > RANK[effective(p)]) {
        why = { unplaced: i };
      } else {
        continue;
      }
      // The first of the nearest (history is in date order).
      if (best === null || days < best.days) best = { days, why };
    }
    return best && best.why;
  }

  /** Contested::reason. */
  function contestedReason(c) {
    if ('curator' in c) return c.curator;
    const i = 'stance' in c ? c.stance : c.unplaced;
    const q = P[i];
    const date = q.as_of !== null ? q.as_of + ': ' : '';
    const what = 'stance' in c
      ? 'stance: ' + D.issues[q.issue].scale[q.stance].label
      : 'no stance, ' + effective(q) + ' confidence';
    return date + '“' + q.summary + '” (' + what + ')';
  }

  /** Evidence::of, as far as the marks and warnings need it. */
  function evidence(id, h) {
    const p = P[id];
    const sources = new Set(p.citations.map((c) => c.source));
    const speakers = new Set(p.citations.filter((c) => c.speaker !== null).map((c) => c.speaker));
    const single = p.citations.length > 0 && sources.size === 1 && speakers.size <= 1;
    const low = p.confidence === 'low';
    const thin = low || (single && p.confidence !== 'high');
    return { single, low, thin, contested: contested(id, h) };
  }

  /** flag_words: `± contested, ? single account, ? low confidence`. */
  function flagWords(id, h) {
    const e = evidence(id, h);
    const words = [];
    if (e.contested) words.push(W.contested_mark + ' contested');
    if (e.single && e.thin && !e.low) words.push(W.thin_mark + ' single account');
    if (e.low) words.push(W.thin_mark + ' low confidence');
    return words.join(', ');
  }

  /** contested_cells: the contested cells shown, with why. */
  function contestedCells(v) {
    const out = [];
    for (const issue of v.issues) {
      for (const party of v.parties) {
        const id = positionAt(v, issue, party);
        if (id === null) continue;
        const c = contested(id, v.horizon);
        if (c) out.push({ issue, party, reason: contestedReason(c) });
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- compare/mod.rs

  /** compare_issue: placed, unplaced and absent parties, zone, gap and blocking. */
  function compareIssue(v, issue) {
    const placed = [];
    const unplaced = [];
    const absent = [];
    // A status or confidence filter applies to what is compared: the standing position
    // for a placed party, the latest statement for one without a stance.
    for (const party of v.parties) {
      const shown = v.shown[cellKey(issue, party)];
      if (shown === null) {
        absent.push(party);
        continue;
      }
      const s = standingAt(v, issue, party);
      if (s === null || !admits(v.filter, P[s])) {
        if (admits(v.filter, P[shown])) unplaced.push(party);
        else absent.push(party);
        continue;
      }
      if (P[s].stance === null) {
        unplaced.push(party);
        continue;
      }
      const p = P[s];
      placed.push({
        party, position: s, shown, stance: p.stance,
        range: p.acceptable || [p.stance, p.stance],
        assumed: p.acceptable === null,
        confidence: effective(p),
        contested: contested(s, v.horizon) !== null,
        since: stanceSince(s, v.min),
      });
    }
    const ic = {
      issue, placed, unplaced, absent, zone: null, gap: null,
      assumes: placed.filter((p) => p.assumed).map((p) => p.party),
      blocking: [], blocking_if_firm: [],
    };
    if (placed.length >= 2) {
      const maxLo = Math.max(...placed.map((p) => p.range[0]));
      const minHi = Math.min(...placed.map((p) => p.range[1]));
      if (maxLo <= minHi) {
        ic.zone = [maxLo, minHi];
      } else {
        const atEdge = (assumed) => placed
          .filter((p) => p.assumed === assumed && (p.range[0] === maxLo || p.range[1] === minHi))
          .map((p) => p.party);
        ic.gap = maxLo - minHi;
        ic.blocking = atEdge(false);
        ic.blocking_if_firm = atEdge(true);
      }
    }
    return ic;
  }

  const placedOf = (ic, party) => ic.placed.find((p) => p.party === party);

  /** compare_pair: same / overlap / apart and the mean distance of two parties. */
  function comparePair(issues, a, b) {
    const out = { a, b, issues: 0, same: 0, overlap: 0, apart: 0, assumed: 0, distance: null };
    let total = 0;
    for (const ic of issues) {
      const pa = placedOf(ic, a);
      const pb = placedOf(ic, b);
      if (!pa || !pb) continue;
      out.issues += 1;
      if (pa.stance === pb.stance) {
        out.same += 1;
      } else {
        if (pa.range[0] <= pb.range[1] && pb.range[0] <= pa.range[1]) out.overlap += 1;
        else out.apart += 1;
        if (pa.assumed || pb.assumed) out.assumed += 1;
      }
      const steps = D.issues[ic.issue].scale.length;
      total += Math.abs(pa.stance - pb.stance) / Math.max(steps - 1, 1);
    }
    if (out.issues > 0) out.distance = total / out.issues;
    return out;
  }

  /** Comparison::new. */
  function comparison(v) {
    const issues = v.issues
      .filter((i) => D.issues[i].scale.length > 0)
      .map((i) => compareIssue(v, i));
    const pairs = [];
    v.parties.forEach((a, k) => {
      for (const b of v.parties.slice(k + 1)) pairs.push(comparePair(issues, a, b));
    });
    return { issues, pairs, min: v.min };
  }

  // ---------------------------------------------------------------- compare/words.rs

  const shortName = (p) => oneLine(D.parties[p].short);
  const names = (parties) => parties.map(shortName);
  const partyList = (parties) => names(parties).join(', ');
  function andList(list) {
    if (list.length === 0) return '';
    if (list.length === 1) return list[0];
    return list.slice(0, -1).join(', ') + ' and ' + list[list.length - 1];
  }
  function stepsWords(issue, lo, hi) {
    const label = (i) => oneLine(issue.scale[i].label);
    if (lo === hi) return 'step ' + (lo + 1) + ' (' + label(lo) + ')';
    return 'steps ' + (lo + 1) + '–' + (hi + 1) + ' (' + label(lo) + ' … ' + label(hi) + ')';
  }
  function assumesWords(assumes) {
    const list = andList(names(assumes));
    return assumes.length === 1
      ? 'if ' + list + ' accepts only its stance'
      : 'if ' + list + ' accept only their stances';
  }
  const stepCount = (n) => n + ' step' + (n === 1 ? '' : 's');

  /** among_placed_words: ` It holds among US and RU only: UA takes no stance; Europe has no position.`. */
  function amongPlacedWords(ic) {
    const others = [];
    if (ic.unplaced.length) {
      others.push(andList(names(ic.unplaced)) + (ic.unplaced.length === 1 ? ' takes' : ' take') + ' no stance');
    }
    if (ic.absent.length) {
      others.push(andList(names(ic.absent)) + (ic.absent.length === 1 ? ' has' : ' have') + ' no position');
    }
    if (!others.length) return '';
    return ' It holds among ' + andList(names(ic.placed.map((p) => p.party))) + ' only: ' + others.join('; ') + '.';
  }
  /** stated_gap_words: ` Whatever US accepts, RU and UA do not meet: …`. */
  function statedGapWords(ic) {
    const stated = ic.placed.filter((p) => !p.assumed);
    if (!ic.assumes.length || stated.length < 2) return '';
    const maxLo = Math.max(...stated.map((p) => p.range[0]));
    const minHi = Math.min(...stated.map((p) => p.range[1]));
    if (maxLo <= minHi) return '';
    const edges = stated.filter((p) => p.range[0] === maxLo || p.range[1] === minHi).map((p) => p.party);
    return ' Whatever ' + andList(names(ic.assumes)) + (ic.assumes.length === 1 ? ' accepts' : ' accept') +
      ', ' + andList(names(edges)) + ' do not meet: their stated ranges are ' + stepCount(maxLo - minHi) + ' apart.';
  }
  /** conditions_words: `on condition: a; b` (none: null). */
  const conditionsWords = (conditions) =>
    (conditions.length ? 'on condition: ' + conditions.map(oneLine).join('; ') : null);
  /** no_stance_in_view: `No stance: RU (withdrawn), Europe.`. */
  function noStanceWords(v, ic) {
    return 'No stance: ' + ic.unplaced.map((p) => {
      const shown = v.shown[cellKey(ic.issue, p)];
      return shortName(p) + (shown !== null && P[shown].status === 'withdrawn' ? ' (withdrawn)' : '');
    }).join(', ') + '.';
  }

  /**
   * filter_words: `Filtered (party:us,ru issue:territory): not shown: UA, Europe;
   * Ceasefire.` (no filter but a minimum confidence: null).
   */
  function filterWords(v) {
    const f = v.filter;
    const terms = [];
    if (f.parties) terms.push('party:' + f.parties.map((p) => D.parties[p].id).join(','));
    if (f.issues) terms.push('issue:' + f.issues.map((i) => D.issues[i].id).join(','));
    if (f.statuses) terms.push('status:' + f.statuses.join(','));
    if (f.confidences) terms.push('confidence:' + f.confidences.join(','));
    if (f.hide_empty) terms.push('hide-empty');
    if (!terms.length) return null;
    const hidden = [];
    const parties = D.parties.map((_, p) => p).filter((p) => !v.parties.includes(p));
    const issues = D.issues.map((_, i) => i).filter((i) => !v.issues.includes(i));
    if (parties.length) hidden.push(partyList(parties));
    if (issues.length) hidden.push(issues.map((i) => oneLine(D.issues[i].name)).join(', '));
    return 'Filtered (' + oneLine(terms.join(' ')) + ')' +
      (hidden.length ? ': not shown: ' + hidden.join('; ') : '') + '.';
  }

  /** zone_words: the zone or the gap in sentences. */
  function zoneWords(ic) {
    const issue = D.issues[ic.issue];
    if (ic.zone && ic.assumes.length === 0) {
      return 'Zone: ' + stepsWords(issue, ic.zone[0], ic.zone[1]) +
        ' — every placed party has said it could accept it.' + amongPlacedWords(ic);
    }
    if (ic.zone) {
      const wider = names(ic.assumes);
      return 'Zone: ' + stepsWords(issue, ic.zone[0], ic.zone[1]) +
        ' — every placed party could accept it; it may be wider ' +
        (wider.length === 1
          ? 'if ' + wider[0] + ' accepts more than its stance (its range is assumed)'
          : 'if ' + andList(wider) + ' accept more than their stances (their ranges are assumed)') +
        '.' + amongPlacedWords(ic);
    }
    if (ic.gap !== null) {
      let s = ic.assumes.length === 0
        ? 'No zone: a gap of ' + stepCount(ic.gap) + '.'
        : 'No zone ' + assumesWords(ic.assumes) + ': a gap of ' + stepCount(ic.gap) + '.';
      if (ic.blocking.length) s += ' Blocking: ' + partyList(ic.blocking) + '.';
      if (ic.blocking_if_firm.length) s += ' Would block if firm: ' + partyList(ic.blocking_if_firm) + '.';
      return s + statedGapWords(ic);
    }
    return 'No zone or gap: ' +
      (ic.placed.length === 0 ? 'no party has a stance' : 'only one party has a stance') +
      '; it takes two.';
  }
  /** stance_words (compare): `Crimea recognized (step 2 of 3)`. */
  const stanceWords = (issue, s) =>
    oneLine(issue.scale[s].label) + ' (step ' + (s + 1) + ' of ' + issue.scale.length + ')';
  /** range_words. */
  function rangeWords(p) {
    if (p.assumed) return 'range: assumed, the stance alone (flexibility unknown)';
    if (p.range[0] === p.range[1]) return 'range: this step only (stated)';
    return 'range: steps ' + (p.range[0] + 1) + '–' + (p.range[1] + 1) + ' (stated)';
  }
  /** role_words. */
  function roleWords(ic, party) {
    if (ic.blocking.includes(party)) return W.blocking;
    if (ic.blocking_if_firm.includes(party)) return W.would_block_if_firm;
    return null;
  }
  /** since_words. */
  function sinceWords(p) {
    const at = p.since;
    const since = at !== null ? 'since ' + at : 'undated';
    if (p.position === p.shown) return since;
    const shown = P[p.shown].as_of;
    return since + '; its latest statement (' + (shown !== null ? shown : 'undated') + ') takes no stance';
  }
  /** IssueWords::new, with PlacedWords::notes and IssueWords::conclusion. */
  function issueWords(v, ic) {
    const issue = D.issues[ic.issue];
    const placed = ic.placed.map((p) => {
      const words = {
        party: p.party,
        stance: stanceWords(issue, p.stance),
        range: rangeWords(p),
        role: roleWords(ic, p.party),
        confidence: p.confidence + ' confidence',
        conditions: conditionsWords(P[p.position].conditions),
        since: sinceWords(p),
        flags: flagWords(p.position, v.horizon),
      };
      words.notes = [words.range];
      if (words.role) words.notes.push(words.role);
      if (words.conditions) words.notes.push(words.conditions);
      words.notes.push(words.confidence, words.since);
      if (words.flags) words.notes.push(words.flags);
      return words;
    });
    const conclusion = [zoneWords(ic)];
    if (ic.unplaced.length) conclusion.push(noStanceWords(v, ic));
    if (ic.absent.length) conclusion.push('No position: ' + partyList(ic.absent) + '.');
    return { placed, conclusion };
  }
  /** distance_words. */
  function distanceWords(p) {
    if (p.distance === null) return '— (no shared issue)';
    return fixed2(p.distance) + ' over ' + p.issues + ' issue' + (p.issues === 1 ? '' : 's');
  }
  /** pair_cells. */
  const pairCells = (p) => [p.issues, p.same, p.overlap, p.apart, p.assumed]
    .map(String).concat([distanceWords(p)]);
  /** min_confidence_words. */
  const minConfidenceWords = (min) => (min
    ? 'Positions below ' + min + ' confidence are left out (an unset confidence counts as moderate).'
    : null);

  // ---------------------------------------------------------------- facts.rs

  /** stance_words (facts): `label — step 2 of 5`. */
  const factsStance = (issue, s) =>
    issue.scale[s].label + ' — step ' + (s + 1) + ' of ' + issue.scale.length;
  /** stance_of_steps: `label (2 of 5)`. */
  const stanceOfSteps = (issue, s) => issue.scale[s].label + ' (' + (s + 1) + ' of ' + issue.scale.length + ')';
  /** cell_facts. */
  function cellFacts(p) {
    const parts = [];
    if (p.status !== null) parts.push(p.status);
    if (p.as_of !== null) parts.push('as of ' + p.as_of);
    if (p.confidence !== null) parts.push(p.confidence + ' confidence');
    return parts.join(' · ');
  }
  /** detail_facts. */
  function detailFacts(p) {
    const facts = [p.as_of !== null ? 'as of ' + p.as_of : 'undated'];
    if (p.status !== null) facts.push('status: ' + p.status);
    if (p.confidence !== null) facts.push('confidence: ' + p.confidence);
    return facts.join(' · ');
  }
  /** earlier_stance_words: `stance still standing: … — step 2 of 5, since 2025-04-14`. */
  function earlierStanceWords(id, h) {
    const p = P[id];
    const since = stanceSince(id, h.min);
    const about = [effective(p) + ' confidence'];
    const flags = flagWords(id, h);
    if (flags) about.push(flags);
    return 'stance still standing: ' + factsStance(D.issues[p.issue], p.stance) + ', ' +
      (since !== null ? 'since ' + since : 'undated') + ' (' + about.join('; ') + ')';
  }
  /** The stance line of a grid cell (html/mod.rs cell()): its stance or the earlier one. */
  function cellStanceLine(v, issue, party, id) {
    const p = P[id];
    if (p.stance !== null && p.status === 'withdrawn') return 'Withdrawn: ' + stanceOfSteps(D.issues[issue], p.stance);
    if (p.stance !== null) return 'Stance: ' + stanceOfSteps(D.issues[issue], p.stance);
    const earlier = earlierStanding(v, issue, party);
    return earlier !== null ? upperFirst(earlierStanceWords(earlier, v.horizon)) : null;
  }

  // ---------------------------------------------------------------- diff.rs

  const KINDS = ['new', 'moved', 'withdrawn', 'changed', 'removed'];
  const FIELDS = ['summary', 'status', 'confidence', 'stance', 'range'];

  /** Change::value: one field of a cell's state on one side, comparable. */
  function fieldValue(field, shown, standing) {
    const p = shown !== null ? P[shown] : null;
    const s = standing !== null ? P[standing] : null;
    switch (field) {
      case 'summary': return p ? p.summary : null;
      case 'status': return p ? p.status : null;
      case 'confidence': return p ? p.confidence : null;
      case 'stance': return s && s.stance !== null ? s.stance : null;
      default: return s && s.acceptable ? s.acceptable.join(',') : null;
    }
  }

  /** movement: size and direction of a move, and which parties it comes closer to. */
  function movement(after, issue, party, s1, s2) {
    const steps = s2 - s1;
    const last = Math.max(D.issues[issue].scale.length - 1, 0);
    const m = { steps, pole: steps < 0 ? 0 : last, toward: [], away: [] };
    for (let other = 0; other < NP; other++) {
      if (other === party) continue;
      const st = after.standing[cellKey(issue, other)];
      const q = st !== null ? P[st].stance : null;
      if (q === null) continue;
      const d1 = Math.abs(s1 - q);
      const d2 = Math.abs(s2 - q);
      if (d2 < d1) m.toward.push(other);
      else if (d2 > d1) m.away.push(other);
    }
    return m;
  }

  /** classify: the change of one cell between two grids, or null. */
  function classify(before, after, issue, party) {
    const k = cellKey(issue, party);
    const b = { shown: before.shown[k], standing: before.standing[k] };
    const a = { shown: after.shown[k], standing: after.standing[k] };
    if (b.shown === a.shown && b.standing === a.standing) return null;
    if (b.shown === null && a.shown === null) return null;
    const stance = (id) => (id !== null ? P[id].stance : null);
    let kind;
    let move = null;
    if (b.shown === null) {
      kind = 'new';
    } else if (a.shown === null) {
      kind = 'removed';
    } else {
      const s1 = stance(b.standing);
      const s2 = stance(a.standing);
      if (s1 !== null && s2 !== null && s1 !== s2) {
        kind = 'moved';
        move = movement(after, issue, party, s1, s2);
      } else if (s1 !== null && s2 === null) {
        kind = 'withdrawn';
      } else {
        kind = 'changed';
      }
    }
    const fields = FIELDS.filter((f) =>
      fieldValue(f, b.shown, b.standing) !== fieldValue(f, a.shown, a.standing));
    return {
      issue, party, kind, movement: move, fields, via: [],
      before: b.shown, after: a.shown, standing_before: b.standing, standing_after: a.standing,
    };
  }

  /** Diff::between. */
  function diffBetween(from, before, to, after) {
    const changes = [];
    for (let i = 0; i < NI; i++) {
      for (let p = 0; p < NP; p++) {
        const c = classify(before, after, i, p);
        if (c) changes.push(c);
      }
    }
    return { from, to, changes };
  }

  /** Diff::with_via: the positions of each changed cell dated between the two dates. */
  function withVia(diff, min) {
    const [lo, hi] = byDate(diff.from, diff.to) <= 0 ? [diff.from, diff.to] : [diff.to, diff.from];
    for (const c of diff.changes) {
      c.via = history(c.issue, c.party).filter((id) => {
        const p = P[id];
        return meets(p, min) && p.as_of !== null &&
          (lo === null || p.as_of > lo) && (hi === null || p.as_of <= hi);
      });
    }
    return diff;
  }

  /** Diff::filtered: the changes a filter shows. */
  function diffFiltered(diff, f) {
    const admitted = (id) => id !== null && admits(f, P[id]);
    return {
      from: diff.from,
      to: diff.to,
      changes: diff.changes.filter((c) =>
        (!f.issues || f.issues.includes(c.issue)) &&
        (!f.parties || f.parties.includes(c.party)) &&
        (admitted(c.before) || admitted(c.after))),
    };
  }

  /** Diff::summary. */
  function diffSummary(diff) {
    const n = diff.changes.length;
    if (n === 0) return 'no changes';
    const parts = KINDS
      .map((k) => [k, diff.changes.filter((c) => c.kind === k).length])
      .filter(([, c]) => c > 0)
      .map(([k, c]) => c + ' ' + k);
    const noneMoved = diff.changes.some((c) => c.kind === 'moved') ? '' : '; no stance moved';
    return n + ' ' + (n === 1 ? 'change' : 'changes') + ': ' + parts.join(', ') + noneMoved;
  }

  // ---------------------------------------------------------------- diff/words.rs

  /** change_words: what happened to the cell, in words. */
  function changeWords(c) {
    const issue = D.issues[c.issue];
    const label = (step) => oneLine(issue.scale[step] ? issue.scale[step].label : '');
    const stanceOf = (id) => (id !== null && P[id].stance !== null
      ? { step: P[id].stance, date: stanceSince(id, null) } : null);
    if (c.kind === 'new') return 'new position';
    if (c.kind === 'removed') return 'no position any more';
    if (c.kind === 'withdrawn') {
      const s = stanceOf(c.standing_before);
      return s ? 'withdrawn: the stance “' + label(s.step) + '” no longer stands' : 'withdrawn';
    }
    if (c.kind === 'moved' && c.movement) return movedWords(c, c.movement);
    if (c.fields.length === 0) {
      return 'restated (same summary, status, confidence and stance; a new date or sources)';
    }
    const fields = c.fields.join(', ');
    const afterHasStance = c.after !== null && P[c.after].stance !== null;
    const sb = stanceOf(c.standing_before);
    const sa = stanceOf(c.standing_after);
    if (!sb && sa) return 'changed (' + fields + '): a first stance, “' + label(sa.step) + '”';
    if (sb && sa && !afterHasStance) {
      return 'changed (' + fields + '): a new statement without a stance; the stance “' +
        label(sa.step) + '”' + (sa.date !== null ? ' of ' + sa.date : '') + ' still stands';
    }
    if (sb && sa) return 'changed (' + fields + '); the stance is still “' + label(sa.step) + '”';
    return 'changed (' + fields + ')';
  }
  /** moved_words. */
  function movedWords(c, m) {
    const scale = D.issues[c.issue].scale;
    const n = Math.abs(m.steps);
    const pole = scale[m.pole] ? scale[m.pole].label : '';
    const fullNames = (ps) => ps.map((p) => oneLine(D.parties[p].name)).join(', ');
    let s = 'moved ' + n + ' step' + (n === 1 ? '' : 's') + ' toward the “' + oneLine(pole) + '” end of the scale';
    if (m.toward.length) s += '; toward ' + fullNames(m.toward);
    if (m.away.length) s += '; away from ' + fullNames(m.away);
    return s;
  }
  /** state_words (without lines): one side of a change. */
  function stateWords(c, when) {
    const shown = when === 'before' ? c.before : c.after;
    const standing = when === 'before' ? c.standing_before : c.standing_after;
    if (shown === null) return null;
    const p = P[shown];
    const issue = D.issues[p.issue];
    const facts = [];
    const st = standing !== null ? P[standing] : null;
    if (st && shown === standing) {
      if (st.stance !== null) facts.push('stance: ' + stanceWords(issue, st.stance));
    } else if (st) {
      const since = stanceSince(standing, null);
      const which = since !== null ? 'the stance of ' + since : 'an undated stance';
      if (st.stance !== null) facts.push('no stance of its own; ' + which + ' stands: ' + stanceWords(issue, st.stance));
    } else if (issue.scale.length) {
      facts.push(p.status === 'withdrawn' ? 'no stance stands (withdrawn)' : 'no stance');
    }
    if (st && st.acceptable) facts.push('could accept ' + stepsWords(issue, st.acceptable[0], st.acceptable[1]));
    if (p.status !== null) facts.push(p.status);
    facts.push(p.as_of !== null ? 'as of ' + p.as_of : 'undated');
    facts.push(effective(p) + ' confidence');
    return { label: when, summary: oneLine(p.summary), facts };
  }
  /** via_words (without lines). */
  function viaWords(id) {
    const p = P[id];
    const issue = D.issues[p.issue];
    const date = p.as_of !== null ? p.as_of : 'undated';
    let stance;
    if (p.stance !== null && p.status === 'withdrawn') stance = 'withdraws: ' + stanceWords(issue, p.stance);
    else if (p.stance !== null) stance = 'stance: ' + stanceWords(issue, p.stance);
    else if (p.status === 'withdrawn') stance = 'withdrawn';
    else if (!issue.scale.length) stance = '';
    else stance = 'no stance';
    return date + ' “' + oneLine(p.summary) + '”' + (stance ? ' (' + stance + ')' : '');
  }
  /** change_mark: ▲n, ▼n, +, ×, ~, -. */
  function changeMark(c) {
    if (c.kind === 'moved' && c.movement) {
      const n = c.movement.steps;
      return n > 0 ? '▲' + n : '▼' + Math.abs(n);
    }
    return { new: '+', withdrawn: '×', removed: '-' }[c.kind] || '~';
  }
  const changeAt = (v, issue, party) =>
    (v.base ? v.base.changes.find((c) => c.issue === issue && c.party === party) : null) || null;

  // ---------------------------------------------------------------- the words of a view

  /**
   * Everything the page says at a view, in words: the grid's cells, the comparison,
   * the contested cells and the changes since the base date. What the page lays out,
   * and what tests/report_browser.rs compares with the library's words.
   */
  function viewWords(v) {
    const id = (list, i) => list[i].id;
    const cells = [];
    for (const issue of v.issues) {
      for (const party of v.parties) {
        const pos = positionAt(v, issue, party);
        if (pos === null) continue;
        const c = changeAt(v, issue, party);
        cells.push({
          issue: id(D.issues, issue), party: id(D.parties, party),
          summary: P[pos].summary,
          stance: cellStanceLine(v, issue, party, pos),
          facts: cellFacts(P[pos]),
          flags: flagWords(pos, v.horizon),
          change: c ? { mark: changeMark(c), words: changeWords(c) } : null,
        });
      }
    }
    const cmp = comparison(v);
    const words = {
      caption: caption(v),
      cells,
      min: minConfidenceWords(v.min),
      issues: cmp.issues.map((ic) => {
        const w = issueWords(v, ic);
        return {
          issue: id(D.issues, ic.issue),
          conclusion: w.conclusion,
          placed: w.placed.map((p) => ({ party: id(D.parties, p.party), stance: p.stance, notes: p.notes })),
        };
      }),
      pairs: cmp.pairs.map((p) => ({ a: id(D.parties, p.a), b: id(D.parties, p.b), cells: pairCells(p) })),
      contested: contestedCells(v).map((c) => ({
        issue: id(D.issues, c.issue), party: id(D.parties, c.party), reason: c.reason,
      })),
      changes: null,
    };
    if (v.base) {
      const diff = diffFiltered(v.base, v.filter);
      words.changes = {
        summary: diffSummary(diff),
        changes: diff.changes.map((c) => ({
          issue: id(D.issues, c.issue), party: id(D.parties, c.party), kind: c.kind,
          mark: changeMark(c), words: changeWords(c),
          sides: ['before', 'after'].map((w) => stateWords(c, w)).filter((s) => s),
          via: c.via.map(viaWords),
        })),
      };
    }
    return { words, cmp };
  }

  // ---------------------------------------------------------------- citations (notes.rs, excerpt.rs, credit.rs)

  const SOURCES = D.sources;

  /** Excerpt::new: the sentence on one line, cut around its quote. */
  function excerpt(c) {
    const text = SOURCES[c.source].text;
    const [s0, s1] = c.sentence;
    const [q0, q1] = c.quote;
    let line = '';
    let qs = 0;
    let qe = 0;
    let inSpace = false;
    for (let i = s0; i < s1;) {
      const cp = text.codePointAt(i);
      const len = cp > 0xffff ? 2 : 1;
      if (i === q0) qs = line.length;
      if (isSpace(cp)) {
        if (!inSpace) line += ' ';
        inSpace = true;
      } else {
        inSpace = false;
        line += len === 1 ? text[i] : text.slice(i, i + 2);
      }
      if (i + len === q1) qe = line.length;
      i += len;
    }
    if (qe < qs) qe = line.length;
    return { before: line.slice(0, qs), quote: line.slice(qs, qe), after: line.slice(qe) };
  }

  /** Notes::new: each distinct citation of the cells shown, numbered in grid order. */
  function notes(v) {
    const list = [];
    const seen = new Map();
    const ofCell = new Map();
    for (const issue of v.issues) {
      for (const party of v.parties) {
        const id = positionAt(v, issue, party);
        if (id === null) continue;
        const mine = [];
        // A statement without a stance cites, after its own, the standing stance's quotes.
        const standing = earlierStanding(v, issue, party);
        const cited = P[id].citations.map((c) => [c, id]);
        if (standing !== null) for (const c of P[standing].citations) cited.push([c, standing]);
        for (const [c, from] of cited) {
          const key = c.source + ':' + c.quote[0] + ':' + c.quote[1] + ':' + JSON.stringify(c.speaker);
          if (!seen.has(key)) {
            seen.set(key, list.length);
            list.push({ citation: c, position: from, citedBy: [] });
          }
          const n = seen.get(key);
          if (!mine.includes(n)) {
            mine.push(n);
            list[n].citedBy.push([issue, party]);
          }
        }
        ofCell.set(cellKey(issue, party), mine);
      }
    }
    return { list, ofCell };
  }

  const ENCODER = new TextEncoder();
  /** url::with_text_fragment. */
  function withTextFragment(href, text) {
    const words = text.split(WS_RUN).filter((w) => w);
    if (!words.length) return href;
    let out = href + (href.includes('#') ? ':~:text=' : '#:~:text=');
    const plain = (b) => (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) ||
      b === 46 || b === 95 || b === 126;
    for (const b of ENCODER.encode(words.join(' '))) {
      out += plain(b) ? String.fromCharCode(b) : '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
    }
    return out;
  }

  /** Credit::pieces laid out as html/mod.rs does: title, publisher, date, address. */
  function creditHtml(c, quote, titleHtml) {
    const s = SOURCES[c.source];
    const parts = [];
    if (titleHtml) parts.push(titleHtml);
    else if (s.href) {
      parts.push('<cite><a href="' + esc(withTextFragment(s.href, quote)) + '" data-url="' +
        esc(s.href) + '">' + esc(s.title) + '</a></cite>');
    } else parts.push('<cite>' + esc(s.title) + '</cite>');
    if (s.publisher !== null) parts.push(esc(s.publisher));
    if (s.published !== null) parts.push('<time datetime="' + s.published + '">' + s.published + '</time>');
    if (s.url !== null && !s.href) parts.push(esc(s.url));
    return (c.speaker !== null ? esc(c.speaker) + ' — ' : '') + parts.join(', ');
  }
  const quoteOf = (c) => SOURCES[c.source].text.slice(c.quote[0], c.quote[1]);

  // ---------------------------------------------------------------- drawing the page

  const $ = (sel, root) => (root || document).querySelector(sel);
  const issueName = (i) => esc(D.issues[i].name);
  const partyName = (p) => esc(D.parties[p].name);

  /** The colour class of a step (html/mod.rs shade): s0 at one pole to s4 at the other. */
  function shade(issue, step) {
    const n = issue.scale.length;
    return 's' + (n <= 1 ? 2 : Math.floor((step * 4 + Math.floor((n - 1) / 2)) / (n - 1)));
  }

  function gridHtml(v, w, nts) {
    const cellWords = new Map(w.cells.map((c) => [c.issue + '\u0000' + c.party, c]));
    let out = '<table class="grid">\n<caption>' + esc(w.caption) +
      '</caption>\n<thead>\n<tr><th scope="col">Issue</th>';
    for (const p of v.parties) out += '<th scope="col">' + partyName(p) + '</th>';
    out += '</tr>\n</thead>\n<tbody>\n';
    for (const i of v.issues) {
      const issue = D.issues[i];
      out += '<tr>\n<th scope="row">' + esc(issue.name) + '</th>\n';
      for (const p of v.parties) {
        const ids = 'data-issue="' + esc(issue.id) + '" data-party="' + esc(D.parties[p].id) + '" tabindex="0"';
        const pos = positionAt(v, i, p);
        const change = changeAt(v, i, p);
        const changeHtml = change
          ? '<span class="change k-' + change.kind + '"><span class="mark">' + esc(changeMark(change)) +
            '</span> <span class="vh">Since ' + esc(v.base.from) + ': </span>' + esc(changeWords(change)) + '</span>'
          : '';
        if (pos === null) {
          out += '<td class="empty" ' + ids + '><span aria-hidden="true">—</span><span class="vh">No position</span>' +
            changeHtml + '</td>\n';
          continue;
        }
        const c = cellWords.get(issue.id + '\u0000' + D.parties[p].id);
        out += '<td ' + ids + ' data-pos="' + pos + '"><span class="summary" dir="auto">' + esc(c.summary) + '</span>';
        if (c.stance !== null) {
          const own = P[pos].stance !== null;
          const step = own ? P[pos].stance : P[earlierStanding(v, i, p)].stance;
          const cls = own && P[pos].status === 'withdrawn' ? 'withdrawn' : (own ? '' : 'earlier ') + shade(issue, step);
          out += '<span class="stance ' + cls + '">' + esc(c.stance) + '</span>';
        }
        if (c.facts) out += '<span class="meta">' + esc(c.facts) + '</span>';
        if (c.flags) out += '<span class="flags">' + esc(c.flags) + '</span>';
        out += changeHtml;
        const refs = nts.ofCell.get(cellKey(i, p)) || [];
        if (refs.length) {
          out += '<span class="refs">' + refs.map((n) => {
            const k = Math.max(0, nts.list[n].citedBy.findIndex(([a, b]) => a === i && b === p));
            return '<a id="ref-' + (n + 1) + '-' + k + '" href="#cite-' + (n + 1) + '" aria-label="Citation ' +
              (n + 1) + '">[' + (n + 1) + ']</a>';
          }).join(' ') + '</span>';
        }
        out += '</td>\n';
      }
      out += '</tr>\n';
    }
    return out + '</tbody>\n</table>\n';
  }

  /** The changes section (html/changes.rs), each change with its mark. */
  function changesHtml(v, w) {
    if (!w.changes) return '';
    let out = '<section aria-labelledby="changes">\n<h2 id="changes">' +
      (v.base.from !== null
        ? 'Changes since <time datetime="' + v.base.from + '">' + v.base.from + '</time>'
        : 'Changes') + '</h2>\n<p>' + esc(w.changes.summary) + '.</p>\n';
    let last = null;
    for (const c of w.changes.changes) {
      if (c.issue !== last) {
        if (last !== null) out += '</ul>\n';
        const issue = D.issues.find((x) => x.id === c.issue);
        out += '<h3>' + esc(issue.name) + '</h3>\n<ul class="changes">\n';
        last = c.issue;
      }
      const party = D.parties.find((x) => x.id === c.party);
      out += '<li><p><span class="mark" aria-hidden="true">' + esc(c.mark) + '</span> <strong>' + esc(party.name) +
        '</strong> ' + esc(c.words) + '.</p>\n';
      for (const side of c.sides) {
        out += '<p class="' + side.label + '">' + side.label + ': <span dir="auto">' + esc(side.summary) +
          '</span> <span class="meta">(' + esc(side.facts.join(' · ')) + ')</span></p>\n';
      }
      if (c.via.length) {
        out += '<p class="via">In the period:</p>\n<ol class="via">\n' +
          c.via.map((x) => '<li>' + esc(x) + '</li>\n').join('') + '</ol>\n';
      }
      out += '</li>\n';
    }
    if (last !== null) out += '</ul>\n';
    return out + '</section>\n';
  }

  /** The SVG of one issue's comparison: the steps, each placed party at its stance with
   * its range, the zone or gap, and the parties with no stance; its title says it. */
  function chartSvg(v, ic, iw, n) {
    const issue = D.issues[ic.issue];
    const steps = issue.scale.length;
    const left = 120;
    const col = 118;
    const right = 260;
    const width = left + steps * col + right;
    const x = (s) => left + s * col + col / 2;
    // Step labels, wrapped into lines of about 18 characters, at most four.
    const wrap = (text) => {
      const lines = [];
      let line = '';
      for (const word of text.split(' ')) {
        if (line && (line + ' ' + word).length > 18) {
          lines.push(line);
          line = word;
        } else line = line ? line + ' ' + word : word;
      }
      if (line) lines.push(line);
      if (lines.length > 4) lines.splice(3, lines.length - 3, lines.slice(3).join(' ').slice(0, 17) + '…');
      return lines;
    };
    const labels = issue.scale.map((s, k) => wrap((k + 1) + '. ' + oneLine(s.label)));
    const head = 14 + 13 * Math.max(...labels.map((l) => l.length));
    const row = 30;
    const top = head + 10;
    const rowsEnd = top + Math.max(ic.placed.length, 1) * row;
    const notes = [];
    if (ic.unplaced.length) notes.push(noStanceWords(v, ic));
    if (ic.absent.length) notes.push('No position: ' + partyList(ic.absent) + '.');
    const height = rowsEnd + 30 + notes.length * 18 + 6;
    const id = 'chart-' + n;
    const clip = (s, k) => (s.length > k ? s.slice(0, k - 1) + '…' : s);
    let g = '';
    labels.forEach((lines, k) => {
      g += '<text class="step" x="' + x(k) + '" y="14" text-anchor="middle">' + lines.map((l, j) =>
        '<tspan x="' + x(k) + '" dy="' + (j ? 13 : 0) + '">' + esc(l) + '</tspan>').join('') + '</text>';
      g += '<line class="tick" x1="' + x(k) + '" x2="' + x(k) + '" y1="' + (top - 6) + '" y2="' + (rowsEnd + 4) + '"/>';
    });
    if (ic.zone) {
      const x0 = x(ic.zone[0]) - col / 2 + 6;
      const x1 = x(ic.zone[1]) + col / 2 - 6;
      g += '<rect class="zone" x="' + x0 + '" y="' + (top - 4) + '" width="' + (x1 - x0) + '" height="' +
        (rowsEnd - top + 8) + '"/>';
      g += '<text class="zone-label" x="' + ((x0 + x1) / 2) + '" y="' + (rowsEnd + 20) + '" text-anchor="middle">zone' +
        (ic.assumes.length ? ' (assumes ' + esc(andList(names(ic.assumes))) + ')' : '') + '</text>';
    }
    if (ic.gap !== null) {
      const lo = Math.min(...ic.placed.map((p) => p.range[1]));
      const hi = Math.max(...ic.placed.map((p) => p.range[0]));
      const y = rowsEnd + 10;
      g += '<line class="gap" x1="' + x(lo) + '" x2="' + x(hi) + '" y1="' + y + '" y2="' + y + '"/>' +
        '<line class="gap" x1="' + x(lo) + '" x2="' + x(lo) + '" y1="' + (y - 5) + '" y2="' + (y + 5) + '"/>' +
        '<line class="gap" x1="' + x(hi) + '" x2="' + x(hi) + '" y1="' + (y - 5) + '" y2="' + (y + 5) + '"/>' +
        '<text class="gap-label" x="' + ((x(lo) + x(hi)) / 2) + '" y="' + (y + 14) + '" text-anchor="middle">gap of ' +
        esc(stepCount(ic.gap)) + (ic.assumes.length ? ' (assumes ' + esc(andList(names(ic.assumes))) + ')' : '') +
        '</text>';
    }
    ic.placed.forEach((p, k) => {
      const y = top + k * row + row / 2;
      const [lo, hi] = p.range;
      g += '<text class="party" x="8" y="' + (y + 4) + '">' + esc(clip(shortName(p.party), 16)) + '</text>';
      if (p.assumed) {
        g += '<circle class="assumed" cx="' + x(p.stance) + '" cy="' + y + '" r="11"/>';
      } else {
        g += '<line class="range" x1="' + (x(lo) - 8) + '" x2="' + (x(hi) + 8) + '" y1="' + y + '" y2="' + y + '"/>';
      }
      g += '<path class="stance ' + shade(issue, p.stance) + '" d="M' + x(p.stance) + ' ' + (y - 7) + 'l7 7l-7 7l-7 -7z"/>';
      const role = roleWords(ic, p.party);
      const note = (p.assumed ? 'range assumed' : 'range stated') + (role ? '; ' + role : '') +
        (p.contested ? '; ' + W.contested_mark : '') +
        (evidence(p.position, v.horizon).thin ? '; ' + W.thin_mark : '');
      g += '<text class="note" x="' + (left + steps * col + 8) + '" y="' + (y + 4) + '">' + esc(note) + '</text>';
    });
    if (!ic.placed.length) {
      g += '<text class="note" x="8" y="' + (top + row / 2 + 4) + '">No party has a stance at this date.</text>';
    }
    notes.forEach((t, k) => {
      g += '<text class="note" x="8" y="' + (rowsEnd + 44 + k * 18) + '">' + esc(t) + '</text>';
    });
    const desc = iw.placed.map((p, k) => shortName(ic.placed[k].party) + ': ' + p.stance + '; ' + p.notes.join('; '))
      .join('. ');
    return '<div class="scroll chart" tabindex="0" role="group" aria-label="' + esc(issue.name) + ': chart">' +
      '<svg role="img" aria-labelledby="' + id + '-t ' + id + '-d" width="' + width + '" height="' + height +
      '" viewBox="0 0 ' + width + ' ' + height + '"><title id="' + id + '-t">' + esc(iw.conclusion.join(' ')) +
      '</title><desc id="' + id + '-d">' + esc(desc) + '</desc>' + g + '</svg></div>\n';
  }

  /** The comparison section (html/compare.rs), with a chart per issue. */
  function comparisonHtml(v, w, cmp) {
    if (!cmp.issues.length && !w.contested.length) return '';
    let out = '<section aria-labelledby="comparison">\n<h2 id="comparison">Comparison</h2>\n';
    if (w.min) out += '<p>' + esc(w.min) + '</p>\n';
    const filtered = filterWords(v);
    if (filtered) out += '<p>' + esc(filtered) + '</p>\n';
    if (cmp.issues.length) out += W.intro_html + '\n';
    cmp.issues.forEach((ic, k) => {
      const iw = w.issues[k];
      const issue = D.issues[ic.issue];
      out += '<h3>' + esc(issue.name) + '</h3>\n' + chartSvg(v, ic, iw, k);
      out += '<ol class="scale">\n' + issue.scale.map((s) => '<li>' + esc(s.label) + '</li>\n').join('') + '</ol>\n';
      if (iw.placed.length) {
        out += '<table class="axis">\n<caption>' + esc(issue.name) + ': where the parties stand</caption>\n' +
          '<thead>\n<tr><th scope="col">Party</th><th scope="col">Stance</th>' +
          '<th scope="col">Range, role, confidence, since, warnings</th></tr>\n</thead>\n<tbody>\n';
        for (const p of iw.placed) {
          const party = D.parties.find((x) => x.id === p.party);
          out += '<tr><th scope="row">' + esc(party.name) + '</th><td>' + esc(p.stance) + '</td><td>' +
            esc(p.notes.join('; ')) + '</td></tr>\n';
        }
        out += '</tbody>\n</table>\n';
      }
      for (const s of iw.conclusion) out += '<p>' + esc(s) + '</p>\n';
    });
    if (cmp.issues.length && w.pairs.length) {
      out += '<div class="scroll" tabindex="0" role="region" aria-label="Pairs of parties">\n' +
        '<table class="pairs">\n<caption>Pairs of parties. ' + esc(W.pairs_note) +
        '</caption>\n<thead>\n<tr><th scope="col">Party A</th><th scope="col">Party B</th>' +
        W.pair_columns.map((c) => '<th scope="col">' + esc(c) + '</th>').join('') + '</tr>\n</thead>\n<tbody>\n';
      for (const p of w.pairs) {
        const a = D.parties.find((x) => x.id === p.a);
        const b = D.parties.find((x) => x.id === p.b);
        out += '<tr><th scope="row">' + esc(a.name) + '</th><td>' + esc(b.name) + '</td>' +
          p.cells.map((c) => '<td>' + esc(c) + '</td>').join('') + '</tr>\n';
      }
      out += '</tbody>\n</table>\n</div>\n';
    }
    if (w.contested.length) {
      out += '<h3>Contested positions</h3>\n<ul class="contested">\n';
      for (const c of w.contested) {
        const party = D.parties.find((x) => x.id === c.party);
        const issue = D.issues.find((x) => x.id === c.issue);
        out += '<li><strong>' + esc(party.name) + ' on ' + esc(issue.name) + '</strong>: ' + esc(c.reason) + '</li>\n';
      }
      out += '</ul>\n';
    }
    return out + '</section>\n';
  }

  /** A citation's sentence with its quote marked, and its credit, as HTML: made once. */
  const citationHtml = new Map();
  function quoteAndCredit(c) {
    let h = citationHtml.get(c);
    if (!h) {
      const e = excerpt(c);
      h = {
        quote: esc(e.before) + '<mark>' + esc(e.quote) + '</mark>' + esc(e.after),
        credit: creditHtml(c, quoteOf(c)),
      };
      citationHtml.set(c, h);
    }
    return h;
  }

  /** The numbered citations (html/mod.rs citations), each able to open its source. */
  function citationsHtml(nts) {
    if (!nts.list.length) return '';
    let out = '<section aria-labelledby="citations">\n<h2 id="citations">Citations</h2>\n<ol class="cites">\n';
    nts.list.forEach((note, k) => {
      const n = k + 1;
      const c = note.citation;
      const h = quoteAndCredit(c);
      out += '<li id="cite-' + n + '">\n<blockquote><p dir="auto">' + h.quote +
        '</p></blockquote>\n<p class="src">' + h.credit +
        ' <button type="button" class="open-source" data-pos="' + note.position + '" data-cite="' +
        P[note.position].citations.indexOf(c) + '">Read it in the source</button></p>\n<p class="back">Cited for: ' +
        note.citedBy.map(([i, p], j) => '<a href="#ref-' + n + '-' + j + '">' + partyName(p) + ' on ' +
          issueName(i) + '</a>').join(', ') + '</p>\n</li>\n';
    });
    return out + '</ol>\n</section>\n';
  }

  // ---------------------------------------------------------------- the controls

  const state = {
    date: D.view.date,
    base: D.view.base,
    min: D.view.min_confidence,
    parties: D.view.parties,
    issues: D.view.issues,
    search: '',
  };
  const filterOf = (s) => ({
    parties: s.parties, issues: s.issues, statuses: D.view.statuses,
    confidences: D.view.confidences, min_confidence: s.min, hide_empty: D.view.hide_empty,
  });

  function controlsHtml() {
    // The model's dates, and the export's own view and base dates when they fall between.
    const withDay = (day) => {
      const list = D.dates.slice();
      if (day !== null && !list.includes(day)) {
        list.push(day);
        list.sort();
      }
      return list;
    };
    const dates = withDay(state.date);
    const option = (value, text, chosen) =>
      '<option value="' + esc(value) + '"' + (chosen ? ' selected' : '') + '>' + esc(text) + '</option>';
    const checks = (name, list, chosen) => list.map((x, i) =>
      '<label class="check"><input type="checkbox" name="' + name + '" value="' + i + '"' +
      (!chosen || chosen.includes(i) ? ' checked' : '') + '> ' + esc(x.name) + '</label>').join('');
    return '<h2 id="view-controls" class="vh">View controls</h2>\n<div class="row">' +
      '<div class="ctl"><label for="c-date">View date</label><select id="c-date"' + (dates.length ? '' : ' disabled') + '>' +
      (dates.length ? dates.map((d) => option(d, d, d === state.date)).join('') : option('', 'undated', true)) +
      '</select></div>' +
      '<div class="ctl"><label for="c-base">Compare with</label><select id="c-base">' +
      option('', 'none', state.base === null) + withDay(state.base).map((d) => option(d, d, d === state.base)).join('') +
      '</select></div>' +
      '<div class="ctl"><label for="c-min">Minimum confidence</label><select id="c-min">' +
      option('', 'any', state.min === null) + ['low', 'moderate', 'high'].map((c) => option(c, c, c === state.min)).join('') +
      '</select></div>' +
      '<div class="ctl grow"><label for="c-search">Search</label><input type="search" id="c-search" autocomplete="off"></div>' +
      '</div>\n<div class="row">' +
      '<details class="ctl"><summary>Parties</summary><fieldset><legend>Parties shown</legend>' +
      checks('party', D.parties, state.parties) + '</fieldset></details>' +
      '<details class="ctl"><summary>Issues</summary><fieldset><legend>Issues shown</legend>' +
      checks('issue', D.issues, state.issues) + '</fieldset></details>' +
      '</div>';
  }

  /** The chosen ones of a list of checkboxes (null when all are). */
  function chosen(name) {
    const boxes = Array.from(document.querySelectorAll('#report-controls input[name="' + name + '"]'));
    const on = boxes.filter((b) => b.checked).map((b) => Number(b.value));
    return on.length === boxes.length ? null : on;
  }

  // ---------------------------------------------------------------- search (view/search.rs)

  /** position_matches: summary, detail or a quote holds the query, ignoring case. */
  function positionMatches(id, lower) {
    const p = P[id];
    const has = (s) => s !== null && s.toLowerCase().includes(lower);
    return has(p.summary) || has(p.detail) || p.citations.some((c) => has(quoteOf(c)));
  }

  function applySearch() {
    const q = state.search.trim().toLowerCase();
    let matched = 0;
    for (const tr of document.querySelectorAll('#grid-wrap tbody tr')) {
      let any = false;
      for (const td of tr.querySelectorAll('td')) {
        const pos = td.getAttribute('data-pos');
        const hit = !q || (pos !== null && positionMatches(Number(pos), q));
        td.classList.toggle('nomatch', !hit);
        if (q && hit) matched += 1;
        any = any || hit;
      }
      tr.hidden = !any;
    }
    return q ? matched : null;
  }

  // ---------------------------------------------------------------- drawing

  let current = null;
  const issuesSection = document.querySelector('section[aria-labelledby="issues"]');
  const issuesHtml = issuesSection ? issuesSection.outerHTML + '\n' : '';

  /** The parts of the page the script draws, in order, and what each holds now. */
  const PARTS = ['grid', 'changes', 'comparison', 'issues', 'citations'];
  const drawn = {};

  function draw() {
    const v = makeView(state.date, filterOf(state), state.base);
    const { words, cmp } = viewWords(v);
    const nts = notes(v);
    current = { v, words, nts };
    const html = {
      grid: '<div class="scroll" id="grid-wrap">\n' + gridHtml(v, words, nts) + '</div>\n',
      changes: changesHtml(v, words),
      comparison: comparisonHtml(v, words, cmp),
      issues: issuesHtml,
      citations: citationsHtml(nts),
    };
    // Only what changed is parsed again: a base date leaves the comparison and the
    // citations as they were.
    for (const part of PARTS) {
      if (drawn[part] !== html[part]) {
        $('#part-' + part).innerHTML = html[part];
        drawn[part] = html[part];
      }
    }
    document.title = words.caption;
    const asOf = $('#as-of');
    if (asOf && v.date !== null) asOf.innerHTML = 'Positions as of <time datetime="' + v.date + '">' + v.date + '</time>.';
    status();
  }

  function status() {
    const { v, words } = current;
    const matched = applySearch();
    const parts = [
      'Showing ' + v.parties.length + ' of ' + NP + ' parties and ' + v.issues.length + ' of ' + NI + ' issues' +
      (v.date !== null ? ' as of ' + v.date : ''),
    ];
    if (v.min) parts.push('positions below ' + v.min + ' confidence left out');
    if (words.changes) parts.push(words.changes.summary + ' since ' + v.base.from + ' (marked in the cells: ▲▼ moved, + new, × withdrawn, ~ changed)');
    if (matched !== null) parts.push('search “' + state.search.trim() + '”: ' + matched + ' cell' + (matched === 1 ? '' : 's') + ' match');
    $('#report-status').textContent = parts.join('; ') + '.';
  }

  // ---------------------------------------------------------------- dialogs

  function dialog(id, name) {
    const d = document.createElement('dialog');
    d.id = id;
    d.setAttribute('aria-labelledby', id + '-h');
    d.setAttribute('aria-modal', 'true');
    d.innerHTML = '<div class="dlg-bar"><h2 id="' + id + '-h" tabindex="-1">' + name + '</h2>' +
      '<button type="button" class="close">Close</button></div><div class="dlg-body"></div>';
    document.body.appendChild(d);
    d.querySelector('.close').addEventListener('click', () => closeDialog(d));
    d.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      back(d);
    });
    // Other close requests (a phone's back gesture): go back one step too.
    d.addEventListener('cancel', (e) => {
      e.preventDefault();
      back(d);
    });
    d.addEventListener('close', () => {
      const to = d.opener;
      d.opener = null;
      d.stack = [];
      if (to && to.isConnected) to.focus();
      else if (to && to.dataset && to.dataset.issue) {
        const again = document.querySelector('td[data-issue="' + to.dataset.issue + '"][data-party="' + to.dataset.party + '"]');
        if (again) again.focus();
      }
    });
    d.stack = [];
    return d;
  }
  let detail = null;
  let source = null;

  function closeDialog(d) {
    if (d.open) d.close();
  }
  /** Escape: back to the position opened before in this dialog, or close it. */
  function back(d) {
    if (d === detail && d.stack.length > 1) {
      d.stack.pop();
      showPosition(d.stack[d.stack.length - 1]);
    } else closeDialog(d);
  }

  /** The detail of a cell (an entry of `stack`: {issue, party, position}). */
  function showPosition(entry) {
    const { v } = current;
    const { issue: i, party: pt, position: id } = entry;
    const issue = D.issues[i];
    const shownId = positionAt(v, i, pt);
    let body = '';
    if (issue.question !== null) body += '<p class="question">' + esc(issue.question) + '</p>\n';
    if (detail.stack.length > 1) {
      body += '<p><button type="button" class="back-to">Back to the position shown at ' +
        esc(v.date !== null ? v.date : 'the view date') + '</button></p>\n';
    }
    if (id === null) {
      body += '<p class="lead">No position at ' + esc(v.date !== null ? v.date : 'this date') + '.</p>\n';
    } else {
      const p = P[id];
      if (id !== shownId) {
        body += '<p class="note">An entry of this cell’s history, not the position shown at the view date.</p>\n';
      }
      body += '<p class="lead" dir="auto">' + esc(p.summary) + '</p>\n<dl class="facts">';
      const fact = (term, value) => { body += '<dt>' + term + '</dt><dd>' + value + '</dd>'; };
      fact('Status', esc(p.status !== null ? p.status : 'not given'));
      fact('Date', esc(p.as_of !== null ? p.as_of : 'undated'));
      fact('Confidence', esc(p.confidence !== null ? p.confidence : 'not given (counts as moderate)'));
      let stance;
      const earlier = id === shownId ? earlierStanding(v, i, pt) : null;
      if (p.stance !== null && p.status === 'withdrawn') stance = 'withdrawn: ' + factsStance(issue, p.stance);
      else if (p.stance !== null) stance = factsStance(issue, p.stance);
      else if (earlier !== null) stance = upperFirst(earlierStanceWords(earlier, v.horizon));
      else if (issue.scale.length) stance = 'no stance';
      else stance = 'the issue has no scale';
      fact('Stance', esc(stance));
      if (p.acceptable !== null) fact('Could accept', esc(stepsWords(issue, p.acceptable[0], p.acceptable[1])));
      if (id === shownId && issue.scale.length) {
        const ic = compareIssue(v, i);
        const placed = placedOf(ic, pt);
        if (placed) {
          const pw = issueWords(v, ic).placed.find((x) => x.party === pt);
          fact('On the scale', esc(pw.stance + '; ' + pw.notes.join('; ')));
        }
      }
      for (const c of p.conditions) fact('Condition', esc(c));
      const flags = flagWords(id, v.horizon);
      if (flags) fact('Evidence', esc(flags));
      const why = contested(id, v.horizon);
      if (why) fact('Contested', esc(contestedReason(why)));
      const change = id === shownId ? changeAt(v, i, pt) : null;
      if (change) {
        fact('Since ' + esc(v.base.from), '<span class="mark">' + esc(changeMark(change)) + '</span> ' + esc(changeWords(change)));
      }
      body += '</dl>\n';
      if (p.detail !== null) body += '<p class="detail" dir="auto">' + esc(p.detail) + '</p>\n';
      if (p.notes !== null) body += '<p class="detail" dir="auto"><strong>Curator’s notes:</strong> ' + esc(p.notes) + '</p>\n';
    }
    const hist = history(i, pt).filter((h) => meets(P[h], v.min));
    if (hist.length) {
      body += '<h3>History (' + hist.length + ' position' + (hist.length === 1 ? '' : 's') + ')</h3>\n<ol class="history">\n';
      for (const h of hist) {
        const tags = [];
        if (h === id) tags.push('open');
        if (h === shownId) tags.push('shown at the view date');
        body += '<li>' + (h === id
          ? '<span class="this">' + esc(viaWords(h)) + '</span>'
          : '<button type="button" class="entry" data-pos="' + h + '">' + esc(viaWords(h)) + '</button>') +
          (tags.length ? ' <span class="meta">(' + tags.join(', ') + ')</span>' : '') + '</li>\n';
      }
      body += '</ol>\n';
    }
    const citesHtml = (pos) => '<ol class="dlg-cites">\n' + P[pos].citations.map((c, k) => {
      const e = excerpt(c);
      const title = '<button type="button" class="open-source link" data-pos="' + pos + '" data-cite="' + k +
        '"><cite>' + esc(SOURCES[c.source].title) + '</cite></button>';
      return '<li><blockquote><p dir="auto">' + esc(e.before) + '<mark>' + esc(e.quote) + '</mark>' +
        esc(e.after) + '</p></blockquote>\n<p class="src">' + creditHtml(c, quoteOf(c), title) + '</p></li>\n';
    }).join('') + '</ol>\n';
    if (id !== null) {
      const cites = P[id].citations;
      body += '<h3>Citations (' + cites.length + ')</h3>\n';
      if (!cites.length) body += '<p class="meta">No citations: this position is not backed by a source.</p>\n';
      else body += citesHtml(id);
      // A statement without a stance: the sentences the standing stance rests on follow.
      const earlier = id === shownId ? earlierStanding(v, i, pt) : null;
      if (earlier !== null && P[earlier].citations.length) {
        const on = P[earlier].as_of !== null ? P[earlier].as_of : 'undated';
        body += '<h3>The standing stance rests on (' + esc(on) + ', ' + P[earlier].citations.length +
          ' citation' + (P[earlier].citations.length === 1 ? '' : 's') + ')</h3>\n' + citesHtml(earlier);
      }
    }
    $('#detail-h', detail).textContent = oneLine(issue.name) + ' · ' + oneLine(D.parties[pt].name);
    $('.dlg-body', detail).innerHTML = body;
    $('.dlg-body', detail).scrollTop = 0;
    $('#detail-h', detail).focus();
  }

  function openCell(td) {
    const i = D.issues.findIndex((x) => x.id === td.getAttribute('data-issue'));
    const pt = D.parties.findIndex((x) => x.id === td.getAttribute('data-party'));
    if (i < 0 || pt < 0) return;
    const entry = { issue: i, party: pt, position: positionAt(current.v, i, pt) };
    detail.stack = [entry];
    detail.opener = td;
    if (!detail.open) detail.showModal();
    showPosition(entry);
  }

  /** The source of citation `k` of position `id`: its whole text, the sentence marked and
   * in view, this position's quote marked apart from the quotes of other positions. */
  function openSource(id, k, opener) {
    const c = P[id].citations[k];
    const s = SOURCES[c.source];
    const text = s.text;
    // Every quote of this source: this citation's, then others'.
    const others = [];
    P.forEach((q, j) => q.citations.forEach((o) => {
      if (o.source === c.source && o !== c) others.push({ at: o.quote, who: j });
    }));
    const cuts = new Set([0, text.length, c.sentence[0], c.sentence[1], c.quote[0], c.quote[1]]);
    for (const o of others) {
      cuts.add(o.at[0]);
      cuts.add(o.at[1]);
    }
    const points = Array.from(cuts).filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
    const inside = (x, r) => r[0] <= x && x < r[1];
    let html = '';
    let inSentence = false;
    let inQuote = false;
    for (let j = 0; j + 1 < points.length; j++) {
      const [a, b] = [points[j], points[j + 1]];
      if (a === b) continue;
      const sentence = inside(a, c.sentence);
      const quote = sentence && inside(a, c.quote);
      if (inQuote && !quote) html += '</mark>';
      if (inSentence && !sentence) html += '</mark>';
      if (sentence && !inSentence) html += '<mark class="sentence" id="cited-sentence">';
      if (quote && !inQuote) html += '<mark class="q-this"><span class="vh">[this position’s quote] </span>';
      inSentence = sentence;
      inQuote = quote;
      const piece = esc(text.slice(a, b));
      const other = quote ? null : others.find((o) => inside(a, o.at));
      if (other) {
        const q = P[other.who];
        html += '<mark class="q-other" title="' + esc('Quoted for ' + D.parties[q.party].name + ' on ' +
          D.issues[q.issue].name + (q.as_of !== null ? ', ' + q.as_of : '')) + '">' + piece + '</mark>';
      } else html += piece;
    }
    if (inQuote) html += '</mark>';
    if (inSentence) html += '</mark>';
    const credit = creditHtml({ source: c.source, speaker: null }, quoteOf(c));
    $('#source-h', source).textContent = oneLine(s.title);
    $('.dlg-body', source).innerHTML = '<p class="src">' + credit + '</p>\n' +
      '<p class="legend">Marked: <mark class="sentence">the cited sentence</mark>, ' +
      '<mark class="q-this">the quote of ' + esc(oneLine(D.parties[P[id].party].name)) + ' on ' +
      esc(oneLine(D.issues[P[id].issue].name)) + '</mark> (bold, boxed)' +
      (others.length ? ', <mark class="q-other">quotes of other positions</mark> (dotted underline)' : '') +
      '.</p>\n<div class="source-text" tabindex="0" role="document" aria-label="' + esc('Text of ' + oneLine(s.title)) +
      '">' + html + '</div>';
    source.opener = opener;
    if (!source.open) source.showModal();
    const box = $('.source-text', source);
    box.focus();
    const mark = $('#cited-sentence', source);
    if (mark) mark.scrollIntoView({ block: 'center' });
  }

  // ---------------------------------------------------------------- start

  function start() {
    document.documentElement.classList.add('js');
    const main = $('main');
    const controls = document.createElement('section');
    controls.id = 'report-controls';
    controls.className = 'controls';
    controls.setAttribute('aria-labelledby', 'view-controls');
    controls.innerHTML = controlsHtml();
    const live = document.createElement('p');
    live.id = 'report-status';
    live.setAttribute('role', 'status');
    const body = document.createElement('div');
    body.id = 'report-body';
    body.innerHTML = PARTS.map((p) => '<div id="part-' + p + '"></div>').join('');
    main.replaceChildren(controls, live, body);
    detail = dialog('detail', 'Detail');
    source = dialog('source', 'Source');

    $('#c-date').addEventListener('change', (e) => { state.date = e.target.value || null; draw(); });
    $('#c-base').addEventListener('change', (e) => { state.base = e.target.value || null; draw(); });
    $('#c-min').addEventListener('change', (e) => { state.min = e.target.value || null; draw(); });
    $('#c-search').addEventListener('input', (e) => { state.search = e.target.value; status(); });
    controls.addEventListener('change', (e) => {
      if (e.target.name === 'party') { state.parties = chosen('party'); draw(); }
      if (e.target.name === 'issue') { state.issues = chosen('issue'); draw(); }
    });
    body.addEventListener('click', (e) => {
      const open = e.target.closest('button.open-source');
      if (open) {
        openSource(Number(open.dataset.pos), Number(open.dataset.cite), open);
        return;
      }
      if (e.target.closest('a')) return;
      const td = e.target.closest('td[data-issue]');
      if (td) openCell(td);
    });
    body.addEventListener('keydown', (e) => {
      const td = e.target.closest && e.target.closest('td[data-issue]');
      if (!td || e.target !== td) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        openCell(td);
        return;
      }
      const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
      const m = moves[e.key];
      if (!m) return;
      const rows = Array.from(document.querySelectorAll('#grid-wrap tbody tr')).filter((r) => !r.hidden);
      const r = rows.indexOf(td.parentElement);
      const cells = (row) => Array.from(row.querySelectorAll('td'));
      const c = cells(td.parentElement).indexOf(td);
      const row = rows[r + m[0]];
      const to = row && cells(row)[c + m[1]];
      if (to) {
        e.preventDefault();
        to.focus();
      }
    });
    detail.addEventListener('click', (e) => {
      const entry = e.target.closest('button.entry');
      const cur = detail.stack[detail.stack.length - 1];
      if (entry) {
        detail.stack.push({ issue: cur.issue, party: cur.party, position: Number(entry.dataset.pos) });
        showPosition(detail.stack[detail.stack.length - 1]);
      } else if (e.target.closest('button.back-to')) {
        detail.stack = detail.stack.slice(0, 1);
        showPosition(detail.stack[0]);
      } else if (e.target.closest('button.open-source')) {
        const b = e.target.closest('button.open-source');
        openSource(Number(b.dataset.pos), Number(b.dataset.cite), b);
      }
    });
    draw();
  }

  start();
  const readyAt = performance.now();

  /** For tests and the curious: the words the page says at any view. */
  window.stancesReport = {
    /** When the page was drawn and ready, in ms since the navigation began. */
    readyAt,
    /** Each query {date, min, parties, issues, base} (ids; null for all or none) in words. */
    words(queries) {
      const index = (list, ids) => (ids ? ids.map((id) => list.findIndex((x) => x.id === id)) : null);
      return queries.map((q) => viewWords(makeView(q.date, {
        parties: index(D.parties, q.parties), issues: index(D.issues, q.issues),
        statuses: null, confidences: null, min_confidence: q.min, hide_empty: false,
      }, q.base)).words);
    },
    /** What the controls show now. */
    state: () => ({ ...state }),
  };
}());
