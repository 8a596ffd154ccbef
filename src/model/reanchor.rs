//! A quote not found exactly, re-anchored: the error says what the source now reads
//! and carries the replacement as a [`Fix`]. When the replacement says something else
//! (a negation, a number or a party changed, as [`meaning::compare`] finds), the error
//! says so and the fix is marked: `check --fix` leaves it out unless told otherwise.

use super::parse::{Ctx, RawCite};
use super::{Party, Source, SourceId};
use crate::diagnostic::{Edit, Fix};
use crate::source::anchor::Anchor;
use crate::source::meaning::{self, Names};

/// The names that count as parties when a replacement is compared with its quote: each
/// party by its id, name and short name, and each member of a coalition on its own
/// (one member for another is a change of party, though the coalition is the same).
pub(super) fn names_of(parties: &[Party]) -> Names {
    let own = parties
        .iter()
        .map(|p| vec![p.id.as_str(), p.name.as_str(), p.short.as_str()]);
    let members = parties
        .iter()
        .flat_map(|p| &p.members)
        .map(|m| vec![m.as_str()]);
    Names::new(own.chain(members))
}

/// Reports the quote `written` of citation `c`, not in its source `si` but close to a
/// run of words of source `at` (its own, or another loaded source's), as the verifier
/// re-anchored it: an error whose hint shows the text as the source now has it, with
/// the fix attached. When that text differs from the quote by a negation, a number or
/// a party (`names`), the hint says the source says something different, and what.
pub(super) fn report(
    ctx: &mut Ctx,
    (c, written, si): (&RawCite, &str, SourceId),
    (at, a): (SourceId, Anchor),
    sources: &[Source],
    names: &Names,
    position_line: usize,
) {
    let source = &sources[at];
    let quote = a.replacement(&source.text);
    let changes = meaning::compare(written, &quote, names);
    let edits = vec![Edit {
        range: c.quote.span.clone(),
        text: super::emit::string(&quote),
    }];
    let mut fix = Fix {
        quote,
        similarity: percent(&a),
        source: (at != si).then(|| source.id.clone()),
        meaning_change: changes.first().map(|f| f.change),
        edits,
        found: (at, a.span.clone()),
        position_line,
    };
    // Found in another source: the citation moves there.
    let elsewhere = (at != si).then(|| {
        fix.edits.push(Edit {
            range: c.source.span.clone(),
            text: super::emit::string(&source.id),
        });
        format!(
            "source `{}` (file {})",
            source.id,
            crate::sanitize::path(&source.path)
        )
    });
    let (quote, percent, command) = (&fix.quote, fix.similarity, fix.command());
    let case = if elsewhere.is_none()
        && crate::source::normalize::normalize(written).to_lowercase()
            == crate::source::normalize::normalize(quote).to_lowercase()
    {
        "it is there with other capital letters: matching is case-sensitive\n"
    } else {
        ""
    };
    let hint = match (&elsewhere, changes.is_empty()) {
        (None, true) => format!(
            "{case}the source now reads \"{quote}\"\n{percent}% alike; `{command}` shows the change"
        ),
        (Some(other), true) => format!(
            "{other} reads \"{quote}\"\n{percent}% alike; cite it from there (`{command}` shows the change)"
        ),
        (_, false) => {
            let what: Vec<String> = changes.iter().map(ToString::to_string).collect();
            let (whose, there) = match &elsewhere {
                None => ("the source now", ""),
                Some(other) => (other.as_str(), ", citing it from there"),
            };
            format!(
                "{case}{whose} says something different: \"{quote}\"\n{percent}% alike, but {}\nnot a routine fix: reread the source; `{command}` shows the change{there}",
                what.join("; ")
            )
        }
    };
    ctx.error(
        &c.quote.span,
        format!("quote not found in source `{}`", c.source.v),
        Some(hint),
    );
    if let Some(d) = ctx.diags.last_mut() {
        d.fix = Some(Box::new(fix));
    }
}

/// The similarity in whole percent, never rounded up to 100 (the texts differ).
fn percent(a: &Anchor) -> u8 {
    let p = (a.similarity * 100.0).floor().clamp(0.0, 99.0);
    p as u8
}
