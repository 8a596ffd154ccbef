//! Turns the document as written into a [`Model`]: resolves every reference, loads
//! the sources, and checks the rules that span several tables. Every citation is left
//! [`Check::Pending`], its quote to be looked for by the [`Unverified`] it hands back.

use super::parse::{Ctx, Raw, RawCite, RawIssue, RawParty, RawPosition, RawSource, Sp};
use super::quotes::{PendingCite, Unverified};
use super::{
    Check, Citation, CitationAt, Issue, IssueId, Model, Party, PartyId, Position, PositionId,
    ScaleStep, Source, SourceId,
};
use crate::date::Date;
use crate::par::{cores, par_map};
use crate::sanitize::escape;
use crate::source::{self as src, SourceError, SourceText};
use crate::suggest::did_you_mean;
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A hint naming the known ids, with a suggestion first when one is close.
fn unknown_hint<'a>(word: &str, known: impl Iterator<Item = &'a str> + Clone) -> String {
    let list: Vec<&str> = known.clone().collect();
    let listing = if list.is_empty() {
        "there are none defined".to_string()
    } else {
        format!("known: {}", list.join(", "))
    };
    match did_you_mean(word, known) {
        Some(h) => format!("{h}\n{listing}"),
        None => listing,
    }
}

/// Finds `r` among `ids`; else reports "unknown {what} `id`{context}".
fn lookup_in(
    ctx: &mut Ctx,
    what: &str,
    context: &str,
    r: &Sp<String>,
    ids: &[&str],
) -> Option<usize> {
    let found = ids.iter().position(|id| *id == r.v);
    if found.is_none() {
        ctx.error(
            &r.span,
            format!("unknown {what} `{}`{context}", r.v),
            Some(unknown_hint(&r.v, ids.iter().copied())),
        );
    }
    found
}

/// Ids and where each is first in its list, for lookups by id.
struct Ids<'a> {
    list: Vec<&'a str>,
    index: FxHashMap<&'a str, usize>,
    /// For parties and issues: each one's `[id, short name, name]`, by which a
    /// reference that is not an id may still name one.
    names: Vec<[&'a str; 3]>,
}

impl<'a> Ids<'a> {
    fn new(list: Vec<&'a str>) -> Self {
        let mut index = FxHashMap::default();
        for (i, id) in list.iter().enumerate() {
            index.entry(*id).or_insert(i);
        }
        Ids {
            list,
            index,
            names: Vec::new(),
        }
    }

    /// Ids that a reference may also give as a short name or a name, in any case.
    fn named(names: Vec<[&'a str; 3]>) -> Self {
        let mut ids = Ids::new(names.iter().map(|n| n[0]).collect());
        ids.names = names;
        ids
    }

    /// Finds `r`; else reports "unknown {what} `id`". A reference that is not an id
    /// but names one entry by its id, short name or name in another case resolves to
    /// it, with a warning asking for the id (the one that outside tools read).
    fn lookup(&self, ctx: &mut Ctx, what: &str, r: &Sp<String>) -> Option<usize> {
        if let Some(&i) = self.index.get(r.v.as_str()) {
            return Some(i);
        }
        if self.names.is_empty() {
            return lookup_in(ctx, what, "", r, &self.list);
        }
        match super::names::named_among(&r.v, &self.names) {
            super::Named::One(i) => {
                let id = self.list[i];
                ctx.warning(
                    &r.span,
                    format!("`{}` is {what} `{id}` as shown, not its id", escape(&r.v)),
                    Some(format!("write the id: {what} = \"{id}\"")),
                );
                Some(i)
            }
            super::Named::Several(all) => {
                let which: Vec<&str> = all.iter().map(|&i| self.list[i]).collect();
                ctx.error(
                    &r.span,
                    format!(
                        "`{}` names more than one {what}: {}",
                        escape(&r.v),
                        which.join(", ")
                    ),
                    Some(format!(
                        "write the id of the one you mean: {what} = \"{}\"",
                        which[0]
                    )),
                );
                None
            }
            super::Named::Unknown => {
                let listing = format!("known: {}", self.list.join(", "));
                let hint = match crate::suggest::did_you_mean_named(&r.v, &self.names) {
                    Some(h) => format!("{h}\n{listing}"),
                    None => listing,
                };
                ctx.error(&r.span, format!("unknown {what} `{}`", r.v), Some(hint));
                None
            }
        }
    }
}

/// Builds the model from what resolved, every citation's quote still to be looked for
/// (see [`Unverified`]); the caller decides whether the errors reported on the way
/// leave it usable.
///
/// `text` is the file's text (the one `ctx` reads), kept by the [`Unverified`].
pub(super) fn resolve(
    ctx: &mut Ctx,
    raw: Raw,
    base_dir: &Path,
    text: Arc<str>,
) -> (Model, Unverified) {
    let parties = resolve_parties(raw.parties);
    let issues = resolve_issues(raw.issues);
    let (sources_dir, dir_ok, sources, source_ok) =
        read_sources(ctx, raw.sources_dir.as_ref(), raw.sources, base_dir);

    let party_ids = Ids::named(
        parties
            .iter()
            .map(|p| [p.id.as_str(), p.short.as_str(), p.name.as_str()])
            .collect(),
    );
    let set = SourceSet {
        list: &sources,
        ids: Ids::new(sources.iter().map(|s| s.id.as_str()).collect()),
        ok: &source_ok,
        dir: dir_ok.then_some(sources_dir.as_path()),
    };
    let issue_ids = Ids::named(
        issues
            .iter()
            .map(|i| [i.id.as_str(), i.id.as_str(), i.name.as_str()])
            .collect(),
    );
    let scales: Vec<Vec<&str>> = issues
        .iter()
        .map(|i| i.scale.iter().map(|s| s.id.as_str()).collect())
        .collect();
    let mut positions = Vec::with_capacity(raw.positions.len());
    let mut seen: HashMap<(PartyId, IssueId, Option<Date>), usize> = HashMap::new();
    // A source counts as cited even from a position that has other errors.
    let cited: HashSet<usize> = raw
        .positions
        .iter()
        .flat_map(|p| &p.cites)
        .filter_map(|c| set.ids.index.get(c.source.v.as_str()).copied())
        .collect();
    let mut pending = Vec::with_capacity(raw.positions.iter().map(|p| p.cites.len()).sum());
    let mut dates = Vec::with_capacity(raw.positions.len());
    for mut p in raw.positions {
        let party = party_ids.lookup(ctx, "party", &p.party);
        let issue = issue_ids.lookup(ctx, "issue", &p.issue);
        let (Some(party), Some(issue)) = (party.map(PartyId), issue.map(IssueId)) else {
            continue;
        };
        let line = ctx.line_of(p.header.start);
        let date = p.as_of.as_ref().map(|d| d.v);
        if let Some(first) = seen.insert((party, issue, date), line) {
            report_duplicate(ctx, &p, date, first);
        }
        let scale = &scales[issue.index()];
        let stance = resolve_stance(ctx, &p, scale);
        let acceptable = resolve_acceptable(ctx, &p, scale);
        check_stance_in_range(ctx, &p, stance, acceptable);
        if p.cites.is_empty() {
            warn_no_cites(ctx, &p);
        }
        let cites = std::mem::take(&mut p.cites);
        let at = (PositionId(positions.len()), line);
        let citations = resolve_citations(ctx, cites, &set, at, &mut pending);
        dates.push(p.as_of.clone());
        positions.push(Position {
            party,
            issue,
            summary: p.summary,
            detail: p.detail,
            as_of: date,
            stance,
            acceptable,
            status: p.status.as_deref().and_then(super::Status::from_id),
            confidence: p.confidence.as_deref().and_then(super::Confidence::from_id),
            conditions: p.conditions,
            notes: p.notes,
            contested: p.contested,
            citations,
            line,
        });
    }
    warn_uncited(ctx, &sources, &source_ok, &cited);
    let sources = Arc::new(sources);
    let unverified = Unverified {
        text,
        path: ctx.file.to_path_buf(),
        sources: Arc::clone(&sources),
        ok: source_ok,
        cites: pending,
        dates,
        names: super::reanchor::names_of(&parties),
    };
    let model = Model {
        path: ctx.file.to_path_buf(),
        title: raw.title.unwrap_or_default(),
        description: raw.description,
        sources_dir,
        parties,
        issues,
        sources,
        positions,
        partial: false,
        index: super::Index::default(),
    };
    (model, unverified)
}

/// The parties, with their column header (default: the id uppercased).
fn resolve_parties(raw: Vec<RawParty>) -> Vec<Party> {
    raw.into_iter()
        .map(|p| Party {
            short: p.short.unwrap_or_else(|| p.id.v.to_uppercase()),
            id: p.id.v,
            name: p.name,
            kind: p.kind.as_deref().and_then(super::Kind::from_id),
            members: p.members,
        })
        .collect()
}

/// The issues with their scales.
fn resolve_issues(raw: Vec<RawIssue>) -> Vec<Issue> {
    raw.into_iter()
        .map(|i| Issue {
            id: i.id.v,
            name: i.name,
            question: i.question,
            scale: i
                .scale
                .into_iter()
                .map(|(id, label)| ScaleStep { id: id.v, label })
                .collect(),
        })
        .collect()
}

/// Reads the sources in parallel (inside the confined sources directory) and reports
/// their problems in file order: the sources directory, whether it is usable, every
/// source (an empty text where it did not load) and which ones loaded.
fn read_sources(
    ctx: &mut Ctx,
    dir_key: Option<&Sp<String>>,
    raw: Vec<RawSource>,
    base_dir: &Path,
) -> (PathBuf, bool, Vec<Source>, Vec<bool>) {
    let sources_dir_raw = dir_key.map_or("seeds", |s| s.v.as_str());
    let sources_dir = base_dir.join(sources_dir_raw);
    let dir_ok = check_sources_dir(ctx, dir_key, &raw, base_dir, sources_dir_raw);
    let threads = cores();
    let mut read: Vec<Option<Result<SourceText, SourceError>>> = if dir_ok {
        par_map(raw.len(), threads, |i| {
            Some(src::confine(&sources_dir, &raw[i].file.v).and_then(|p| SourceText::load(&p)))
        })
    } else {
        raw.iter().map(|_| None).collect()
    };
    let mut sources = Vec::new();
    let mut source_ok = Vec::new();
    for (i, s) in raw.into_iter().enumerate() {
        let loaded = read[i]
            .take()
            .and_then(|r| report_source(ctx, &sources_dir, &s.file, r));
        source_ok.push(loaded.is_some());
        let text = loaded.unwrap_or_else(|| SourceText::from_text(String::new()));
        let path = relative_to_base(&sources_dir, &s.file.v, base_dir);
        sources.push(Source {
            id: s.id.v,
            file: s.file.v,
            path,
            title: s.title,
            publisher: s.publisher,
            published: s.published.or(text.date),
            url: s.url,
            text,
        });
    }
    (sources_dir, dir_ok, sources, source_ok)
}

/// A second position of the same party on the same issue at the same date.
fn report_duplicate(ctx: &mut Ctx, p: &RawPosition, date: Option<Date>, first: usize) {
    let when = date.map_or("no date".to_string(), |d| format!("as_of {d}"));
    ctx.error(
        &p.header,
        format!(
            "a second position of `{}` on `{}` with {when}",
            p.party.v, p.issue.v
        ),
        Some(format!(
            "the first is at line {first}; give each a different as_of, or merge them"
        )),
    );
}

/// A position without a citation is a warning.
fn warn_no_cites(ctx: &mut Ctx, p: &RawPosition) {
    ctx.warning(
        &p.header,
        format!(
            "the position of `{}` on `{}` cites no source",
            p.party.v, p.issue.v
        ),
        Some("add a [[position.cite]] with a quote that supports it".into()),
    );
}

/// A warning for every source that loaded and that no position cites.
fn warn_uncited(ctx: &mut Ctx, sources: &[Source], ok: &[bool], cited: &HashSet<usize>) {
    for (i, s) in sources.iter().enumerate() {
        if ok[i] && !cited.contains(&i) {
            let span = find_source_header(ctx.text, &s.id);
            ctx.warning(
                &span,
                format!("source `{}` is not cited by any position", s.id),
                Some("cite it from a position, or remove it".into()),
            );
        }
    }
}

/// The `[sources.ID]` header (or the id key) in the text, for warnings about a source.
fn find_source_header(text: &str, id: &str) -> std::ops::Range<usize> {
    let needle = format!("[sources.{id}]");
    let at = text.find(&needle).unwrap_or(0);
    at..at + needle.len()
}

/// `sources_dir/file` expressed relative to the positions file's directory.
fn relative_to_base(sources_dir: &Path, file: &str, base_dir: &Path) -> PathBuf {
    let full = sources_dir.join(file);
    full.strip_prefix(base_dir)
        .map(Path::to_path_buf)
        .unwrap_or(full)
}

fn check_sources_dir(
    ctx: &mut Ctx,
    given: Option<&Sp<String>>,
    sources: &[RawSource],
    base_dir: &Path,
    written: &str,
) -> bool {
    let dir = &base_dir.join(written);
    let base = if base_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base_dir.to_path_buf()
    };
    let at = match (given, sources.first()) {
        (Some(sd), _) => sd.span.clone(),
        (None, Some(first)) => first.id.span.clone(),
        (None, None) => return true,
    };
    if !written.is_empty() && src::confine(&base, written).is_err() {
        let how = if Path::new(written).has_root() {
            "is an absolute path"
        } else {
            "leads out of it (through `..` or a link)"
        };
        let what = match given {
            Some(_) => format!("sources_dir `{}`", escape(written)),
            None => "the default sources directory `seeds`".to_string(),
        };
        ctx.error(
            &at,
            format!("{what} must be inside the folder of positions.toml, but {how}"),
            Some(format!(
                "move or copy the sources into a folder beside positions.toml ({}) and name it, e.g. sources_dir = \"seeds\"",
                crate::sanitize::path(&base)
            )),
        );
        return false;
    }
    if sources.is_empty() || dir.is_dir() {
        return true;
    }
    let what = if dir.exists() {
        "is not a directory"
    } else {
        "does not exist"
    };
    let shown = crate::sanitize::path(dir);
    match given {
        Some(_) => ctx.error(
            &at,
            format!("sources_dir `{}` {what} ({shown})", escape(written)),
            Some("sources_dir is relative to the positions file".into()),
        ),
        None => ctx.error(
            &at,
            format!("the default sources directory `seeds` {what} ({shown})"),
            Some("put the source texts in seeds/ beside positions.toml, or set sources_dir = \"...\"".into()),
        ),
    }
    false
}

/// The source as read, or its error reported.
fn report_source(
    ctx: &mut Ctx,
    dir: &Path,
    file: &Sp<String>,
    result: Result<SourceText, SourceError>,
) -> Option<SourceText> {
    match result {
        Ok(t) => Some(t),
        Err(e) => {
            let hint = match e {
                SourceError::OutsideSourcesDir => Some(format!(
                    "source files must be inside the sources directory ({}); give a path inside it (no `..`, no absolute path, no link that leads out)",
                    crate::sanitize::path(dir)
                )),
                SourceError::Missing => Some(format!(
                    "paths are relative to the sources directory ({})",
                    crate::sanitize::path(dir)
                )),
                SourceError::NotRegular(_) => Some(
                    "a source must be a regular text file; save the text as one and name that"
                        .into(),
                ),
                SourceError::TooLarge { .. } => {
                    Some("split the document, or keep only the relevant part".into())
                }
                SourceError::NotUtf8 { .. } => {
                    Some("convert it to UTF-8, e.g. iconv -f latin1 -t utf-8".into())
                }
                _ => None,
            };
            ctx.error(
                &file.span,
                format!("source file `{}` {e}", dir.join(&file.v).display()),
                hint,
            );
            None
        }
    }
}

fn resolve_stance(ctx: &mut Ctx, p: &RawPosition, scale: &[&str]) -> Option<usize> {
    let s = p.stance.as_ref()?;
    if scale.is_empty() {
        ctx.error(
            &s.span,
            format!(
                "stance `{}` given, but issue `{}` has no scale",
                s.v, p.issue.v
            ),
            Some(format!(
                "add an [issues.{}.scale] table, or remove the stance",
                p.issue.v
            )),
        );
        return None;
    }
    lookup_in(
        ctx,
        "stance",
        &format!(": not a step of the `{}` scale", p.issue.v),
        s,
        scale,
    )
}

fn resolve_acceptable(ctx: &mut Ctx, p: &RawPosition, scale: &[&str]) -> Option<(usize, usize)> {
    let a = p.acceptable.as_ref()?;
    if a.v.len() != 2 {
        ctx.error(
            &a.span,
            format!(
                "`acceptable` must be a [from, to] pair of scale keys, found {} items",
                a.v.len()
            ),
            Some(format!(
                "e.g. acceptable = [\"{}\", \"{}\"]",
                scale.first().unwrap_or(&"a"),
                scale.last().unwrap_or(&"b")
            )),
        );
        return None;
    }
    if scale.is_empty() {
        ctx.error(
            &a.span,
            format!("`acceptable` given, but issue `{}` has no scale", p.issue.v),
            None,
        );
        return None;
    }
    let context = format!(" in `acceptable`: not a step of the `{}` scale", p.issue.v);
    let from = lookup_in(ctx, "scale step", &context, &a.v[0], scale)?;
    let to = lookup_in(ctx, "scale step", &context, &a.v[1], scale)?;
    Some((from.min(to), from.max(to)))
}

/// A stance outside its own `acceptable` range is a warning: the range is meant to
/// hold what the party could accept, and its own stance is surely among that. A range
/// without a stance is one too: nothing uses it.
fn check_stance_in_range(
    ctx: &mut Ctx,
    p: &RawPosition,
    stance: Option<usize>,
    acceptable: Option<(usize, usize)>,
) {
    if let (None, Some(_), Some(a)) = (stance, acceptable, p.acceptable.as_ref()) {
        ctx.warning(
            &a.span,
            "`acceptable` without a `stance`: the comparison places a party by its stance, so this range is not used".into(),
            Some("give the stance the range surrounds, or remove the range".into()),
        );
        return;
    }
    let (Some(s), Some((lo, hi)), Some(a)) = (stance, acceptable, p.acceptable.as_ref()) else {
        return;
    };
    if (lo..=hi).contains(&s) {
        return;
    }
    let stance_id = p.stance.as_ref().map_or("", |st| st.v.as_str());
    ctx.warning(
        &a.span,
        format!("`acceptable` does not contain the stance `{stance_id}`"),
        Some("widen the range to include the stance, or check the stance".into()),
    );
}

/// The sources as loaded, for resolving citations.
struct SourceSet<'a> {
    list: &'a [Source],
    /// Their ids, and where each is in `list`.
    ids: Ids<'a>,
    /// Whether each source's text loaded.
    ok: &'a [bool],
    /// The sources directory, when it is usable (exists, inside the model's folder).
    dir: Option<&'a Path>,
}

/// The citations `cites` (of the position numbered `position`, its header at line
/// `position_line`) whose source is known and loaded, their quotes still to be
/// looked for (each added to `pending`); unknown sources are reported.
fn resolve_citations(
    ctx: &mut Ctx,
    cites: Vec<RawCite>,
    set: &SourceSet,
    (position, position_line): (PositionId, usize),
    pending: &mut Vec<PendingCite>,
) -> Vec<Citation> {
    // Exactly as many as cited: most positions cite one or two quotes, and a
    // growing Vec would start at four.
    let mut out = Vec::with_capacity(cites.len());
    for mut c in cites {
        let Some(&si) = set.ids.index.get(c.source.v.as_str()) else {
            report_unknown_source(ctx, &c.source, set);
            continue;
        };
        if !set.ok[si] {
            continue;
        }
        // The quote is kept once, shared by the citation and its verification.
        let quote: Arc<str> = Arc::from(std::mem::take(&mut c.quote.v));
        out.push(Citation {
            source: SourceId(si),
            quote: Arc::clone(&quote),
            speaker: c.speaker.take(),
            line: ctx.line_of(c.quote.span.start),
            check: Check::Pending,
        });
        pending.push(PendingCite {
            at: CitationAt {
                position,
                citation: out.len() - 1,
            },
            source: SourceId(si),
            quote,
            raw: c,
            position_line,
        });
    }
    out
}

/// An unknown source id; when a file of that name sits unregistered in the sources
/// directory, names it and shows the `[sources.ID]` block to add.
fn report_unknown_source(ctx: &mut Ctx, id: &Sp<String>, set: &SourceSet) {
    let hint = match set
        .dir
        .and_then(|dir| unregistered_file(dir, &id.v, set.list))
    {
        Some((file, block)) => format!(
            "{} is in the sources directory but not registered; add it:\n{block}\nknown: {}",
            crate::sanitize::path(&file),
            set.ids.list.join(", ")
        ),
        None => unknown_hint(&id.v, set.ids.list.iter().copied()),
    };
    ctx.error(&id.span, format!("unknown source `{}`", id.v), Some(hint));
}

/// A file in `dir` that no source names and whose name makes the id `id` (`<id>.txt`,
/// or a name `stances init` would turn into `id`), with the block that registers it.
fn unregistered_file(dir: &Path, id: &str, sources: &[Source]) -> Option<(PathBuf, String)> {
    if !super::parse::valid_id(id) {
        return None;
    }
    let registered: Vec<PathBuf> = sources
        .iter()
        .filter_map(|s| dir.join(&s.file).canonicalize().ok())
        .collect();
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|stem| stem == id || super::emit::id_for(stem, &[]) == id)
        })
        .filter(|p| p.canonicalize().is_ok_and(|c| !registered.contains(&c)))
        .collect();
    found.sort_by_key(|p| p.extension().is_none_or(|e| e != "txt"));
    let file = found.into_iter().next()?;
    let name = file.file_name()?.to_str()?;
    let title =
        SourceText::load(&file).map_or_else(|_| id.to_string(), |t| super::emit::title_for(&t, id));
    let block = super::emit::registration_hint(id, name, &crate::sanitize::one_line(&title));
    Some((file, block))
}
