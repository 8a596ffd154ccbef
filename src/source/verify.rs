//! Verifying every quote of a model at once, with the same outcome as [`quote::find`]
//! (and, for a quote not found, [`quote::sources_holding`], [`anchor::re_anchor`] in its
//! source or another, [`quote::difference`] and the closest sentence) one quote at a
//! time, but faster:
//!
//! - sources are worked on in parallel (scoped threads, one per core), and the results
//!   are put back in the order of the quotes, so nothing depends on the threads;
//! - the quotes of a source are normalized into one shared buffer, each distinct
//!   quote searched for once;
//! - the quotes not found are looked for word for word only in the other sources that
//!   hold their inner words (`RunsSeen`, one pass over each source's words for all of
//!   them, which also re-anchors in each source the quotes it is cited for);
//! - the rest are tried in the other sources sharing a run of their words
//!   (`anchor::re_anchor_all`), and for those still not placed, the lowercase text of
//!   a source and the bigrams its sentences share with the quotes are computed once
//!   per source, not once per quote.
//!
//! The first pass alone is [`find`], and the rest [`place_missing`]: the reader, which
//! verifies in batches, places the quotes its batches did not find all at once.

use super::SourceText;
use super::anchor::{self, Anchor, Lost, RunsSeen};
use super::normalize::normalize_into;
use super::quote::{self, Difference};
use crate::par::par_map;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::ops::Range;

/// One quote to verify: which source (an index into the texts) and what to look for.
#[derive(Clone, Copy, Debug)]
pub struct Job<'a> {
    /// Index of the cited source.
    pub source: usize,
    /// The quote as written.
    pub quote: &'a str,
    /// Words just before the quote, to choose among several matches.
    pub prefix: Option<&'a str>,
    /// Words just after the quote, to choose among several matches.
    pub suffix: Option<&'a str>,
}

/// What verifying one quote found.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The quote is empty once white space is removed.
    Empty,
    /// Found, as [`quote::QuoteMatch::Found`].
    Found {
        /// Byte range of the matched text in the source.
        span: Range<usize>,
        /// How many places matched after prefix and suffix were applied.
        matches: usize,
    },
    /// Not in its source, but in this other one (the first in source order).
    Elsewhere(usize),
    /// Not in any source word for word, but a run of words of `source` (its own, or
    /// failing that another) is at least [`anchor::THRESHOLD`] alike, as
    /// `anchor::re_anchor_all` finds it.
    Anchored {
        /// Index of the source holding the run.
        source: usize,
        /// Where the run is and how alike.
        anchor: Anchor,
    },
    /// Not in any source.
    NotFound {
        /// Where it departs from its source, as [`quote::difference`].
        difference: Option<Difference>,
        /// The most similar sentence of its source, as in [`quote::QuoteMatch::NotFound`].
        closest: Option<Range<usize>>,
    },
}

/// Verifies `jobs` against `texts` (`None` for a source that did not load, which holds
/// nothing), on as many threads as there are cores. The outcomes are in the order of
/// the jobs and the same for any number of threads.
pub fn verify(texts: &[Option<&SourceText>], jobs: &[Job]) -> Vec<Outcome> {
    let threads = crate::par::cores();
    verify_on(texts, jobs, threads)
}

/// [`verify`] on at most `threads` threads.
pub fn verify_on(texts: &[Option<&SourceText>], jobs: &[Job], threads: usize) -> Vec<Outcome> {
    let outcomes = find_on(texts, jobs, threads);
    place_missing_on(texts, jobs, outcomes, threads)
}

/// The first step of [`verify`], which settles most quotes quickly: each quote looked
/// for in its own source. `None` for a quote not there, whose outcome
/// [`place_missing`] works out (from all the sources, so best for many such quotes at
/// once).
pub fn find(texts: &[Option<&SourceText>], jobs: &[Job]) -> Vec<Option<Outcome>> {
    find_on(texts, jobs, crate::par::cores())
}

/// The rest of [`verify`], for quotes [`find`] did not find: the outcome of each.
pub fn place_missing(texts: &[Option<&SourceText>], jobs: &[Job]) -> Vec<Outcome> {
    place_missing_on(texts, jobs, vec![None; jobs.len()], crate::par::cores())
}

/// Pass 1: every quote in its own source, the sources in parallel.
fn find_on(texts: &[Option<&SourceText>], jobs: &[Job], threads: usize) -> Vec<Option<Outcome>> {
    let mut by_source: Vec<Vec<usize>> = vec![Vec::new(); texts.len()];
    for (j, job) in jobs.iter().enumerate() {
        by_source[job.source].push(j);
    }
    let empty = SourceText::from_text(String::new());
    let text_of = |s: usize| texts[s].unwrap_or(&empty);
    let found = par_map(texts.len(), threads, |s| {
        if by_source[s].is_empty() {
            return Vec::new();
        }
        find_all(text_of(s), jobs, &by_source[s])
    });
    let mut outcomes: Vec<Option<Outcome>> = vec![None; jobs.len()];
    for (s, list) in found.into_iter().enumerate() {
        for (j, outcome) in by_source[s].iter().zip(list) {
            outcomes[*j] = outcome;
        }
    }
    outcomes
}

/// Passes 2 to 4, for the quotes pass 1 did not find.
fn place_missing_on(
    texts: &[Option<&SourceText>],
    jobs: &[Job],
    mut outcomes: Vec<Option<Outcome>>,
    threads: usize,
) -> Vec<Outcome> {
    let empty = SourceText::from_text(String::new());
    let text_of = |s: usize| texts[s].unwrap_or(&empty);
    // The quotes not found there: which sources hold runs of their words, in one pass
    // over each source for all of them.
    let missing: Vec<usize> = (0..jobs.len()).filter(|&j| outcomes[j].is_none()).collect();
    if !missing.is_empty() {
        let (buf, ranges) = normalized(jobs, &missing);
        let quotes: Vec<&str> = ranges.iter().map(|r| &buf[r.clone()]).collect();
        // Each is re-anchored in its own source in the same pass, as most quotes not
        // found were changed there (the anchor of one then found word for word in
        // another source is not used).
        let sources: Vec<usize> = missing.iter().map(|&j| jobs[j].source).collect();
        let (seen, own) = RunsSeen::find_anchoring(texts, &quotes, &sources, threads);
        // Pass 2: word for word in another source (the first in source order, among
        // those that may hold it). The same quote cited many times is looked for once:
        // the first two sources holding it tell where it is for any own source.
        let mut left: Vec<Vec<usize>> = vec![Vec::new(); texts.len()];
        let mut holders: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (k, &j) in missing.iter().enumerate() {
            let own = jobs[j].source;
            let first_two = holders.entry(quotes[k]).or_insert_with(|| {
                let q = quotes[k].as_bytes();
                seen.exact_holders(k)
                    .filter(|&s| {
                        texts[s].is_some_and(|t| {
                            memchr::memmem::find(t.normalized().text.as_bytes(), q).is_some()
                        })
                    })
                    .take(2)
                    .collect()
            });
            match first_two.iter().copied().find(|&s| s != own) {
                Some(other) => outcomes[j] = Some(Outcome::Elsewhere(other)),
                None => left[own].push(k),
            }
        }
        // Pass 3: the quotes found nowhere word for word, re-anchored where a run of
        // words is alike enough.
        let lost: Vec<Lost> = left
            .iter()
            .flatten()
            .map(|&k| Lost {
                source: jobs[missing[k]].source,
                quote: quotes[k],
                key: k,
            })
            .collect();
        let anchored = anchor::re_anchor_all(texts, &lost, &seen, &own, threads);
        for (l, a) in lost.iter().zip(anchored) {
            if let Some((source, anchor)) = a {
                outcomes[missing[l.key]] = Some(Outcome::Anchored { source, anchor });
            }
        }
        for list in &mut left {
            list.retain(|&k| outcomes[missing[k]].is_none());
        }
        // Pass 4: how each of the rest departs from its source.
        let hints = par_map(texts.len(), threads, |s| {
            if left[s].is_empty() {
                return Vec::new();
            }
            let text = text_of(s);
            let hay = &text.normalized().text;
            let lower = hay.to_lowercase();
            let qs: Vec<&str> = left[s].iter().map(|&k| &buf[ranges[k].clone()]).collect();
            let closest = quote::closest_sentences_among(text, &qs, Some(&lower));
            qs.iter()
                .zip(closest)
                .map(|(q, closest)| Outcome::NotFound {
                    difference: quote::difference_in(hay, &lower, q),
                    closest,
                })
                .collect()
        });
        for (s, list) in hints.into_iter().enumerate() {
            for (&k, outcome) in left[s].iter().zip(list) {
                outcomes[missing[k]] = Some(outcome);
            }
        }
    }
    outcomes
        .into_iter()
        .map(|o| o.expect("every job has an outcome"))
        .collect()
}

/// The normalized quotes of `which` jobs in one buffer, and the range of each.
fn normalized(jobs: &[Job], which: &[usize]) -> (String, Vec<Range<usize>>) {
    let mut buf = String::new();
    let ranges = which
        .iter()
        .map(|&j| {
            let start = buf.len();
            normalize_into(jobs[j].quote, &mut buf);
            start..buf.len()
        })
        .collect();
    (buf, ranges)
}

/// The distinct non-empty strings among `ranges` of `buf`, and for each range the index
/// of its string (`usize::MAX` for an empty one).
fn distinct<'b>(buf: &'b str, ranges: &[Range<usize>]) -> (Vec<&'b str>, Vec<usize>) {
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(ranges.len());
    let mut patterns = Vec::new();
    let of = ranges
        .iter()
        .map(|r| {
            let q = &buf[r.clone()];
            if q.is_empty() {
                return usize::MAX;
            }
            *index.entry(q).or_insert_with(|| {
                patterns.push(q);
                patterns.len() - 1
            })
        })
        .collect();
    (patterns, of)
}

/// Finds the jobs `which` (all of source `text`) in one pass. `None` for a quote not
/// there, to be looked for elsewhere.
fn find_all(text: &SourceText, jobs: &[Job], which: &[usize]) -> Vec<Option<Outcome>> {
    let (buf, ranges) = normalized(jobs, which);
    let (patterns, pattern_of) = distinct(&buf, &ranges);
    let hay = text.normalized().text.as_str();
    // Every occurrence of each distinct quote, leftmost first and not overlapping one
    // another, as (pattern, start). One SIMD substring search per distinct quote over
    // the source: measured faster here than an Aho–Corasick automaton per source,
    // whose build and overlapping search cost more than the searches they replace
    // (see BENCHMARKS.md).
    let mut at: Vec<(usize, usize)> = Vec::new();
    for (p, q) in patterns.iter().enumerate() {
        at.extend(memchr::memmem::find_iter(hay.as_bytes(), q.as_bytes()).map(|s| (p, s)));
    }
    which
        .iter()
        .zip(&ranges)
        .zip(&pattern_of)
        .map(|((&j, r), &p)| {
            if p == usize::MAX {
                return Some(Outcome::Empty);
            }
            let first = at.partition_point(|&(x, _)| x < p);
            let last = at.partition_point(|&(x, _)| x <= p);
            if first == last {
                return None;
            }
            let starts = at[first..last].iter().map(|&(_, s)| s);
            let job = &jobs[j];
            let (at, matches) = quote::choose(hay, r.len(), starts, job.prefix, job.suffix);
            Some(Outcome::Found {
                span: text.normalized().original_range(at, at + r.len()),
                matches,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::quote::QuoteMatch;

    /// The outcome of one quote verified on its own, as the checks did before.
    fn one_at_a_time(texts: &[Option<&SourceText>], job: &Job) -> Outcome {
        let empty = SourceText::from_text(String::new());
        let text = texts[job.source].unwrap_or(&empty);
        match quote::find(text, job.quote, job.prefix, job.suffix) {
            QuoteMatch::Empty => Outcome::Empty,
            QuoteMatch::Found { span, matches } => Outcome::Found { span, matches },
            QuoteMatch::NotFound { closest } => {
                let others = texts
                    .iter()
                    .enumerate()
                    .filter_map(|(i, t)| Some((i, (*t)?)))
                    .filter(|&(i, _)| i != job.source);
                if let Some(&other) = quote::sources_holding(others, job.quote).first() {
                    return Outcome::Elsewhere(other);
                }
                // Re-anchored in its own source, else the best of the others.
                let anchored = |i: usize| {
                    let t = texts[i]?;
                    anchor::re_anchor(t, job.quote)
                        .map(|anchor| Outcome::Anchored { source: i, anchor })
                };
                let similarity = |o: &Outcome| match o {
                    Outcome::Anchored { anchor, .. } => anchor.similarity,
                    _ => 0.0,
                };
                anchored(job.source)
                    .or_else(|| {
                        (0..texts.len())
                            .filter(|&i| i != job.source)
                            .filter_map(anchored)
                            .max_by(|a, b| similarity(a).total_cmp(&similarity(b)))
                    })
                    .unwrap_or(Outcome::NotFound {
                        difference: quote::difference(text, job.quote),
                        closest,
                    })
            }
        }
    }

    #[test]
    fn same_outcomes_as_one_quote_at_a_time_on_any_number_of_threads() {
        let a = SourceText::from_text(
            "date 2025-01-02\n\nHe said no. She said no. They said no.\nRussia \u{201c}rejected\u{201d}\n  a 30\u{2013}day ceasefire. Kyiv proposed a truce. aaaa aaa.".into(),
        );
        let b = SourceText::from_text("Kyiv proposed a truce on strikes. Only here, this.".into());
        let c =
            SourceText::from_text("The envoys met in Riyadh.\r\n\r\nNo deal was reached.".into());
        let texts = [Some(&a), Some(&b), None, Some(&c)];
        let job = |source, quote| Job {
            source,
            quote,
            prefix: None,
            suffix: None,
        };
        let mut jobs = vec![
            job(0, "said no"),
            job(0, "Russia \"rejected\" a 30-day ceasefire"),
            job(0, "  \n "),
            job(0, "aa"),
            job(0, "Only here"),
            job(0, "russia \"rejected\""),
            job(0, "Russia \"rejected\" a 60-day ceasefire"),
            job(0, "Nothing like it at all"),
            job(1, "Kyiv proposed a truce"),
            job(1, "said no"),
            job(2, "The envoys met"),
            job(2, ""),
            job(3, "No deal was reached."),
            job(3, "The envoys met in Riyadh. No deal"),
            job(3, "The envoys met in Jeddah"),
            job(1, "The envoys met in Riyadh!"),
        ];
        jobs.push(Job {
            prefix: Some("She "),
            ..job(0, "said no")
        });
        jobs.push(Job {
            suffix: Some(". They"),
            ..job(0, "said no")
        });
        jobs.push(Job {
            prefix: Some("Nobody"),
            ..job(0, "said no")
        });
        let expected: Vec<Outcome> = jobs.iter().map(|j| one_at_a_time(&texts, j)).collect();
        // The cases above cover every kind of outcome.
        assert!(expected.contains(&Outcome::Elsewhere(1)));
        assert!(
            expected
                .iter()
                .any(|o| matches!(o, Outcome::Anchored { source: 0, .. }))
        );
        assert!(
            expected
                .iter()
                .any(|o| matches!(o, Outcome::Anchored { source: 3, .. })),
            "a quote re-anchored in another source than its own"
        );
        assert!(expected.contains(&Outcome::Empty));
        assert!(
            expected
                .iter()
                .any(|o| matches!(o, Outcome::Found { matches: 3, .. }))
        );
        assert!(expected.iter().any(|o| matches!(
            o,
            Outcome::NotFound {
                difference: Some(_),
                closest: Some(_)
            }
        )));
        for threads in [1, 2, 3, 8] {
            assert_eq!(
                verify_on(&texts, &jobs, threads),
                expected,
                "{threads} threads"
            );
        }
    }
}
