//! Verifying the quotes of a resolved model, apart from resolving it: [`resolve`]
//! leaves every citation [`Check::Pending`] and hands back an [`Unverified`] list;
//! [`Unverified::run`] looks the quotes up in batches and reports each batch as a
//! [`Verified`] (found places, quotes not found, diagnostics). `stances check` and the
//! exports run it in one batch before going on; the reader runs it in the background
//! and shows each batch as it comes. A batch brings the quotes found in their own
//! source; the others are placed together (a pass over every source) and come in one
//! last `Verified`, which is the first whose `done` reaches `total`.
//!
//! [`resolve`]: super::resolve
//! [`Check::Pending`]: super::Check::Pending

use super::parse::{Ctx, RawCite, Sp};
use super::{Citation, CitationAt, Model, Source, SourceId};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::source::SourceText;
use crate::source::quote;
use crate::source::verify::{self, Job, Outcome};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// One citation whose quote is still to be looked for.
pub(super) struct PendingCite {
    /// Where the citation is in the model.
    pub at: CitationAt,
    /// Its source.
    pub source: SourceId,
    /// The quote as written, shared with the model's citation.
    pub quote: Arc<str>,
    /// The citation as written (its quote's text is in `quote`).
    pub raw: RawCite,
    /// 1-based line of its position's header.
    pub position_line: usize,
}

/// The quotes of a resolved model still to verify, with what reporting on them needs.
/// It owns all it uses (`Send`), so it can run on another thread than the model's.
pub struct Unverified {
    /// The positions file's text, for locating diagnostics.
    pub(super) text: Arc<str>,
    /// The positions file, as named in diagnostics.
    pub(super) path: PathBuf,
    /// The model's sources, shared with it.
    pub(super) sources: Arc<Vec<Source>>,
    /// Whether each source's text loaded.
    pub(super) ok: Vec<bool>,
    /// The citations to verify, in the order `resolve` met them.
    pub(super) cites: Vec<PendingCite>,
    /// Per position of the model, its `as_of` as written (for the date check, which
    /// needs the found citations).
    pub(super) dates: Vec<Option<Sp<Date>>>,
    /// The names of the model's parties, to tell a re-anchored quote that names
    /// another party.
    pub(super) names: crate::source::meaning::Names,
}

/// A found quote: where it is in its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundQuote {
    /// The citation.
    pub at: CitationAt,
    /// Byte range of the matched text in the source.
    pub span: Range<usize>,
    /// Byte range of the sentence (or run of sentences) holding it.
    pub sentence: Range<usize>,
}

/// What verifying one batch of quotes found.
#[derive(Clone, Debug, Default)]
pub struct Verified {
    /// The quotes found.
    pub found: Vec<FoundQuote>,
    /// The quotes not found (or empty).
    pub missing: Vec<CitationAt>,
    /// The errors and warnings about these quotes, in the order of the citations.
    pub diagnostics: Vec<Diagnostic>,
    /// Quotes verified so far, this batch included.
    pub done: usize,
    /// Quotes to verify in all.
    pub total: usize,
}

/// How many quotes not in their own source one thread reports at a time.
const REPORTS_PER_BLOCK: usize = 256;

/// What the verifier is to look for, for one citation.
fn job_of(pc: &PendingCite) -> Job<'_> {
    Job {
        source: pc.source.index(),
        quote: &pc.quote,
        prefix: pc.raw.prefix.as_deref(),
        suffix: pc.raw.suffix.as_deref(),
    }
}

impl Unverified {
    /// Number of quotes to verify.
    pub fn len(&self) -> usize {
        self.cites.len()
    }

    /// True when there is no quote to verify.
    pub fn is_empty(&self) -> bool {
        self.cites.is_empty()
    }

    /// Verifies the quotes in batches of `batch` (in file order), calling `each` with
    /// every batch's results; stops early when `each` returns false. The outcomes and
    /// diagnostics do not depend on the batch size.
    ///
    /// A batch reports the quotes found in their own source; those that are not are
    /// worked out together once every batch is read, and reported last: placing them
    /// takes a pass over all the sources, which is best made once.
    pub fn run(&self, batch: usize, mut each: impl FnMut(Verified) -> bool) {
        let mut ctx = Ctx::new(&self.text, &self.path);
        let texts: Vec<Option<&SourceText>> = self
            .sources
            .iter()
            .zip(&self.ok)
            .map(|(s, &ok)| ok.then_some(&s.text))
            .collect();
        let total = self.cites.len();
        let mut done = 0;
        // The quotes not in their own source, as indices into `cites`.
        let mut missing: Vec<usize> = Vec::new();
        let mut send = |ctx: &mut Ctx, mut out: Verified, done: usize| {
            out.diagnostics = std::mem::take(&mut ctx.diags);
            out.done = done;
            out.total = total;
            each(out)
        };
        for (k, chunk) in self.cites.chunks(batch.max(1)).enumerate() {
            let jobs: Vec<Job> = chunk.iter().map(job_of).collect();
            let mut out = Verified::default();
            for (i, (pc, found)) in chunk.iter().zip(verify::find(&texts, &jobs)).enumerate() {
                match found {
                    Some(outcome) => {
                        self.report(&mut ctx, pc, outcome, &mut out);
                        done += 1;
                    }
                    None => missing.push(k * batch.max(1) + i),
                }
            }
            if !send(&mut ctx, out, done) {
                return;
            }
        }
        if missing.is_empty() {
            return;
        }
        let jobs: Vec<Job> = missing.iter().map(|&i| job_of(&self.cites[i])).collect();
        let outcomes = verify::place_missing(&texts, &jobs);
        // Reported on every core, in blocks put back in order: with their fixes, the
        // reports of thousands of quotes take a while.
        let placed: Vec<(usize, Outcome)> = missing.into_iter().zip(outcomes).collect();
        let base = &ctx;
        let reported = crate::par::par_chunks(&placed, REPORTS_PER_BLOCK, |block| {
            let mut ctx = base.part(0);
            let mut out = Verified::default();
            for (i, outcome) in block {
                self.report(&mut ctx, &self.cites[*i], outcome.clone(), &mut out);
            }
            (ctx.diags, out)
        });
        let mut out = Verified::default();
        for (diags, block) in reported {
            ctx.diags.extend(diags);
            // None of them is found: each is reported missing.
            out.missing.extend(block.missing);
        }
        send(&mut ctx, out, total);
    }

    /// Records one quote's outcome in `out` and reports it: an error for a quote not
    /// found (with its re-anchored fix, when there is one), a warning for a quote found
    /// several times.
    fn report(&self, ctx: &mut Ctx, pc: &PendingCite, outcome: Outcome, out: &mut Verified) {
        let c = &pc.raw;
        let at = pc.at;
        match outcome {
            Outcome::Empty => {
                ctx.error(
                    &c.quote.span,
                    "the quote is empty".into(),
                    Some("copy the exact words from the source that support the position".into()),
                );
                out.missing.push(at);
            }
            Outcome::Anchored { source, anchor } => {
                let (si, line) = (pc.source, pc.position_line);
                let found = (SourceId(source), anchor);
                let written = (c, &*pc.quote, si);
                super::reanchor::report(ctx, written, found, &self.sources, &self.names, line);
                out.missing.push(at);
            }
            Outcome::Elsewhere(other) => {
                self.report_not_found(ctx, pc, Some(SourceId(other)), None, None);
                out.missing.push(at);
            }
            Outcome::NotFound {
                difference,
                closest,
            } => {
                self.report_not_found(ctx, pc, None, difference, closest);
                out.missing.push(at);
            }
            Outcome::Found { span, matches } => {
                if matches > 1 {
                    ctx.warning(
                        &c.quote.span,
                        format!("the quote occurs {matches} times in source `{}`; the first is used", c.source.v),
                        Some("add `prefix` or `suffix` (the words just before or after it) to pick one".into()),
                    );
                }
                let sentence = self.sources[pc.source].text.sentence_span(&span);
                out.found.push(FoundQuote {
                    at: pc.at,
                    span,
                    sentence,
                });
            }
        }
    }

    /// The fix for a quote found word for word in another source: cite that source
    /// (`check --fix` changes the `source` line; the quote stays as written).
    fn attach_source_fix(&self, ctx: &mut Ctx, pc: &PendingCite, other: SourceId) {
        let o = &self.sources[other];
        let quote::QuoteMatch::Found { span, .. } = quote::find(&o.text, &pc.quote, None, None)
        else {
            return;
        };
        if let Some(d) = ctx.diags.last_mut() {
            d.fix = Some(Box::new(crate::diagnostic::Fix {
                quote: pc.quote.to_string(),
                similarity: 100,
                source: Some(o.id.clone()),
                // The quote stays as written: nothing it says changes.
                meaning_change: None,
                edits: vec![crate::diagnostic::Edit {
                    range: pc.raw.source.span.clone(),
                    text: super::emit::string(&o.id),
                }],
                found: (other, span),
                position_line: pc.position_line,
            }));
        }
    }

    /// A quote not in its source: says which other source holds it, if one does; else
    /// where it departs from the source and its most similar sentence.
    fn report_not_found(
        &self,
        ctx: &mut Ctx,
        pc: &PendingCite,
        elsewhere: Option<SourceId>,
        difference: Option<quote::Difference>,
        closest: Option<Range<usize>>,
    ) {
        let c = &pc.raw;
        if let Some(other) = elsewhere {
            let o = &self.sources[other];
            ctx.error(
                &c.quote.span,
                format!(
                    "quote not found in source `{}`: the quote is in source `{}` (file {})",
                    c.source.v,
                    o.id,
                    crate::sanitize::path(&o.path)
                ),
                Some(format!(
                    "cite it from there: source = \"{}\" (or fix the quote if `{}` was meant)",
                    o.id, c.source.v
                )),
            );
            self.attach_source_fix(ctx, pc, other);
            return;
        }
        let text = &self.sources[pc.source].text;
        let mut hint = match difference {
            Some(quote::Difference::Case) => {
                "it is there with other capital letters: matching is case-sensitive\n".to_string()
            }
            Some(quote::Difference::After {
                matched,
                source_next,
                quote_next,
            }) => format!(
                "it matches up to “…{matched}”; then the source has “{source_next}…” where the quote has “{quote_next}…”\n"
            ),
            None => String::new(),
        };
        hint.push_str(&match closest {
            Some(r) => format!(
                "the most similar sentence of `{}` is:\n  {}",
                c.source.v,
                text.text[r].split_whitespace().collect::<Vec<_>>().join(" ")
            ),
            None => "quotes must match the source exactly (case included); spacing, curly quotes and dashes may differ".into(),
        });
        ctx.error(
            &c.quote.span,
            format!("quote not found in source `{}`", c.source.v),
            Some(hint),
        );
    }

    /// Once every quote is verified and `model` has dropped those not found
    /// ([`Model::drop_not_found`]): the warnings about positions dated later than every
    /// source that backs them.
    pub fn date_warnings(&self, model: &Model) -> Vec<Diagnostic> {
        let mut ctx = Ctx::new(&self.text, &self.path);
        for (p, as_of) in model.positions.iter().zip(&self.dates) {
            if let Some(as_of) = as_of {
                check_date_against_sources(&mut ctx, as_of, &p.citations, &model.sources);
            }
        }
        ctx.diags
    }
}

/// Warns when `as_of` is later than every source its citations come from.
fn check_date_against_sources(
    ctx: &mut Ctx,
    as_of: &Sp<Date>,
    citations: &[Citation],
    sources: &[Source],
) {
    if citations.is_empty() {
        return;
    }
    let dates: Option<Vec<Date>> = citations
        .iter()
        .map(|c| sources[c.source].published)
        .collect();
    let Some(dates) = dates else { return };
    let latest = dates.iter().max().copied();
    if let Some(latest) = latest
        && as_of.v > latest
    {
        ctx.warning(
            &as_of.span,
            format!(
                "as_of {} is later than every source citing it (latest published {latest})",
                as_of.v
            ),
            Some(
                "a source cannot report a position held after it was published; check the date"
                    .into(),
            ),
        );
    }
}
