//! Quotes verified in the background: the reader opens on the resolved model with
//! every quote unchecked, and each batch of results updates the model and the errors.

use super::{About, App, Screen};
use crate::diagnostic::Diagnostic;
use crate::model::{Verified, sort_by_place};
use std::sync::Arc;

impl App {
    /// Marks `total` quotes as being verified (none: nothing to wait for).
    pub fn start_verifying(&mut self, total: usize) {
        self.verifying = (total > 0).then_some((0, total));
    }

    /// The status of verification under way, e.g. `verifying quotes… 42%`.
    pub fn verify_label(&self) -> String {
        format!("verifying quotes… {}", self.verify_progress())
    }

    /// How far verification has got, e.g. `42%`.
    pub fn verify_progress(&self) -> String {
        match self.verifying {
            Some((done, total)) if total > 0 => format!("{}%", done * 100 / total),
            _ => "100%".into(),
        }
    }

    /// Takes in one batch of verified quotes: found citations gain their place in
    /// their source, errors join the error panel (in file order). With the last batch
    /// the citations whose quote was not found are left out, as a model loaded in one
    /// go has none. Returns true (the screen changes).
    pub fn apply_verified(&mut self, v: Verified) -> bool {
        let last = v.done >= v.total;
        let model = Arc::make_mut(&mut self.view.model);
        model.verified(&v);
        let errors: Vec<_> = v
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        if !errors.is_empty() {
            self.shown_quote_errors.extend(errors.iter().cloned());
            self.errors.extend(errors);
            sort_by_place(&mut self.errors);
        }
        if last {
            model.drop_not_found();
            model.partial |= !self.errors.is_empty();
            self.verifying = None;
            // A message that verification is under way is no longer true; after a
            // reload, say what it found.
            match self.message.as_ref().map(|m| m.about) {
                Some(About::Verifying) => self.message = None,
                Some(About::Reloaded) if !self.errors.is_empty() => {
                    self.say(format!(
                        "reloaded; {} quote(s) not found (in the panel)",
                        self.errors.len()
                    ));
                }
                _ => {}
            }
        } else {
            self.verifying = Some((v.done, v.total));
        }
        // What was measured or listed from the citations is measured anew.
        *self.detail.measured.borrow_mut() = None;
        if self.screen() == Screen::Source || self.stack.contains(&Screen::Source) {
            self.refresh_source_targets();
        }
        self.fix_scroll();
        true
    }
}
