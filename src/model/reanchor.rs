//! A quote not found exactly, re-anchored: the error says what the source now reads
//! and carries the replacement as a [`Fix`].

use super::parse::{Ctx, RawCite};
use super::{Source, SourceId};
use crate::diagnostic::{Edit, Fix};
use crate::source::anchor::Anchor;

/// Reports the quote `written` of citation `c`, not in its source `si` but close to a
/// run of words of source `at` (its own, or another loaded source's), as the verifier
/// re-anchored it: an error whose hint shows the text as the source now has it, with
/// the fix attached.
pub(super) fn report(
    ctx: &mut Ctx,
    c: &RawCite,
    written: &str,
    si: SourceId,
    (at, a): (SourceId, Anchor),
    sources: &[Source],
    position_line: usize,
) {
    let source = &sources[at];
    let quote = a.replacement(&source.text);
    let percent = percent(&a);
    let mut edits = vec![Edit {
        range: c.quote.span.clone(),
        text: super::emit::string(&quote),
    }];
    let hint = if at == si {
        let case = if crate::source::normalize::normalize(written).to_lowercase()
            == crate::source::normalize::normalize(&quote).to_lowercase()
        {
            "it is there with other capital letters: matching is case-sensitive\n"
        } else {
            ""
        };
        format!(
            "{case}the source now reads \"{quote}\"\n{percent}% alike; `stances check --fix` shows the change"
        )
    } else {
        edits.push(Edit {
            range: c.source.span.clone(),
            text: super::emit::string(&source.id),
        });
        format!(
            "source `{}` (file {}) reads \"{quote}\"\n{percent}% alike; cite it from there (`stances check --fix` shows the change)",
            source.id,
            crate::sanitize::path(&source.path)
        )
    };
    ctx.error(
        &c.quote.span,
        format!("quote not found in source `{}`", c.source.v),
        Some(hint),
    );
    if let Some(d) = ctx.diags.last_mut() {
        d.fix = Some(Box::new(Fix {
            quote,
            similarity: percent,
            source: (at != si).then(|| source.id.clone()),
            edits,
            found: (at, a.span.clone()),
            position_line,
        }));
    }
}

/// The similarity in whole percent, never rounded up to 100 (the texts differ).
fn percent(a: &Anchor) -> u8 {
    let p = (a.similarity * 100.0).floor().clamp(0.0, 99.0);
    p as u8
}
