//! Which cells, rows and columns a view shows: filters by party, issue, status and
//! confidence, a minimum confidence below which positions count as absent (docs/SPEC.md
//! §5 `--min-confidence`), and hiding rows and columns left empty.

use super::{Cells, cell_of};
use crate::model::{Confidence, IssueId, Model, Named, PartyId, Position, Status};

/// Why a filter's text was refused, in words (with the known ids and a did-you-mean).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FilterError(pub String);

/// What a view hides. The default hides nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only these parties; `None` shows all.
    pub parties: Option<Vec<PartyId>>,
    /// Only these issues; `None` shows all.
    pub issues: Option<Vec<IssueId>>,
    /// Only positions with one of these statuses; `None` shows all.
    pub statuses: Option<Vec<Status>>,
    /// Only positions with one of these confidences; `None` shows all.
    pub confidences: Option<Vec<Confidence>>,
    /// Positions below this confidence count as absent (an unset confidence counts as
    /// moderate): a cell then shows the latest position that meets it, and only those
    /// make a stance stand. Unlike `confidences`, which hides the cells whose shown
    /// position has another confidence.
    pub min_confidence: Option<Confidence>,
    /// Hide issues and parties whose cells are all empty (after the filters above).
    pub hide_empty: bool,
}

impl Filter {
    /// True when nothing is hidden.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// True when a position passes the status and confidence filters.
    pub fn admits(&self, p: &Position) -> bool {
        let status_ok = self
            .statuses
            .as_ref()
            .is_none_or(|s| p.status.is_some_and(|st| s.contains(&st)));
        let confidence_ok = self
            .confidences
            .as_ref()
            .is_none_or(|c| p.confidence.is_some_and(|co| c.contains(&co)));
        status_ok && confidence_ok
    }

    /// The issues and parties shown, in file order.
    pub fn visible(&self, model: &Model, cells: &Cells) -> (Vec<IssueId>, Vec<PartyId>) {
        fn chosen<T: PartialEq>(only: Option<&Vec<T>>, x: &T) -> bool {
            only.is_none_or(|v| v.contains(x))
        }
        let mut issues: Vec<IssueId> = model
            .issue_ids()
            .filter(|i| chosen(self.issues.as_ref(), i))
            .collect();
        let mut parties: Vec<PartyId> = model
            .party_ids()
            .filter(|p| chosen(self.parties.as_ref(), p))
            .collect();
        if self.hide_empty {
            let shown = |i: IssueId, p: PartyId| {
                cell_of(cells, i, p).is_some_and(|pos| self.admits(&model.positions[pos]))
            };
            let all_parties = parties.clone();
            issues.retain(|&i| all_parties.iter().any(|&p| shown(i, p)));
            parties.retain(|&p| issues.iter().any(|&i| shown(i, p)));
        }
        (issues, parties)
    }
}

/// The words of a filter, as typed in the reader's `f` prompt and by `--filter`.
const FILTER_KEYS: &[&str] = &["party", "issue", "status", "confidence", "min-confidence"];

impl Filter {
    /// Parses a filter written as space-separated `key:value,value` terms and the word
    /// `hide-empty`; keys are `party`, `issue` (ids, short names or names, in any
    /// case), `status` and `confidence` (their words), and `min-confidence` (one word),
    /// each once (`parties`, `issues`, `statuses`, `confidences` are the same keys). An
    /// empty text is no filter. Unknown keys or values, and a key given twice, are an
    /// error naming the known ones.
    pub fn parse(model: &Model, text: &str) -> Result<Filter, FilterError> {
        let mut f = Filter::default();
        let mut seen: Vec<&str> = Vec::new();
        for term in text.split_whitespace() {
            if term == "hide-empty" {
                f.hide_empty = true;
                continue;
            }
            let Some((key, values)) = term.split_once(':') else {
                return Err(FilterError(format!(
                    "`{term}` is not key:value (keys: {}, or hide-empty)",
                    FILTER_KEYS.join(", ")
                )));
            };
            let values: Vec<&str> = values.split(',').filter(|v| !v.is_empty()).collect();
            // One spelling per key, and each key once: a second `party:` would silently
            // replace the first.
            let key = match key {
                "parties" => "party",
                "issues" => "issue",
                "statuses" => "status",
                "confidences" => "confidence",
                k => k,
            };
            if seen.contains(&key) {
                return Err(FilterError(format!(
                    "`{key}:` is given twice; give its values once, separated by commas (`{key}:a,b`)"
                )));
            }
            seen.push(key);
            if key == "min-confidence" {
                let found = indices("confidence", &values, Confidence::IDS)?;
                let [one] = found[..] else {
                    return Err(FilterError(format!(
                        "min-confidence takes one word ({})",
                        Confidence::IDS.join(", ")
                    )));
                };
                f.min_confidence = Some(Confidence::ALL[one]);
                continue;
            }
            match key {
                "party" => {
                    let found = named("party", &values, &model.party_names(), |v| {
                        model.party_named(v)
                    })?;
                    f.parties = Some(found.into_iter().map(PartyId).collect());
                }
                "issue" => {
                    let found = named("issue", &values, &model.issue_names(), |v| {
                        model.issue_named(v)
                    })?;
                    f.issues = Some(found.into_iter().map(IssueId).collect());
                }
                "status" => {
                    let found = indices("status", &values, Status::IDS)?;
                    f.statuses = Some(found.into_iter().map(|i| Status::ALL[i]).collect());
                }
                "confidence" => {
                    let found = indices("confidence", &values, Confidence::IDS)?;
                    f.confidences = Some(found.into_iter().map(|i| Confidence::ALL[i]).collect());
                }
                _ => {
                    return Err(FilterError(format!(
                        "unknown filter key `{key}` (keys: {}, or hide-empty)",
                        FILTER_KEYS.join(", ")
                    )));
                }
            }
        }
        Ok(f)
    }

    /// The filter written as [`Filter::parse`] reads it (empty when nothing is hidden).
    pub fn describe(&self, model: &Model) -> String {
        let mut terms = Vec::new();
        if let Some(p) = &self.parties {
            let ids: Vec<&str> = p.iter().map(|&i| model.parties[i].id.as_str()).collect();
            terms.push(format!("party:{}", ids.join(",")));
        }
        if let Some(i) = &self.issues {
            let ids: Vec<&str> = i.iter().map(|&k| model.issues[k].id.as_str()).collect();
            terms.push(format!("issue:{}", ids.join(",")));
        }
        if let Some(s) = &self.statuses {
            let words: Vec<&str> = s.iter().map(|s| s.id()).collect();
            terms.push(format!("status:{}", words.join(",")));
        }
        if let Some(c) = &self.confidences {
            let words: Vec<&str> = c.iter().map(|c| c.id()).collect();
            terms.push(format!("confidence:{}", words.join(",")));
        }
        if let Some(c) = self.min_confidence {
            terms.push(format!("min-confidence:{}", c.id()));
        }
        if self.hide_empty {
            terms.push("hide-empty".into());
        }
        terms.join(" ")
    }
}

/// The indices of the parties or issues `values` name (by id, short name or name, in
/// any case: see [`Model::party_named`]), or an error naming the known ids, with a
/// did-you-mean that weighs the names.
fn named(
    what: &str,
    values: &[&str],
    names: &[[&str; 3]],
    find: impl Fn(&str) -> Named,
) -> Result<Vec<usize>, FilterError> {
    let ids: Vec<&str> = names.iter().map(|n| n[0]).collect();
    if values.is_empty() {
        return Err(FilterError(format!(
            "no {what} given (known: {})",
            ids.join(", ")
        )));
    }
    let mut found: Vec<usize> = Vec::with_capacity(values.len());
    for v in values {
        let i = match find(v) {
            Named::One(i) => i,
            Named::Several(all) => {
                let which: Vec<&str> = all.iter().map(|&i| ids[i]).collect();
                return Err(FilterError(format!(
                    "`{v}` names more than one {what} ({}): write its id",
                    which.join(", ")
                )));
            }
            Named::Unknown => {
                let hint = crate::suggest::did_you_mean_named(v, names)
                    .map_or(String::new(), |h| format!("{h}; "));
                return Err(FilterError(format!(
                    "unknown {what} `{v}` ({hint}known: {})",
                    ids.join(", ")
                )));
            }
        };
        // `RU,russia` names one party once.
        if !found.contains(&i) {
            found.push(i);
        }
    }
    Ok(found)
}

/// The indices of `values` among `known`, or an error naming the known ones.
fn indices(what: &str, values: &[&str], known: &[&str]) -> Result<Vec<usize>, FilterError> {
    if values.is_empty() {
        return Err(FilterError(format!(
            "no {what} given (known: {})",
            known.join(", ")
        )));
    }
    values
        .iter()
        .map(|v| {
            known.iter().position(|k| k == v).ok_or_else(|| {
                let hint = crate::suggest::did_you_mean(v, known.iter().copied())
                    .map_or(String::new(), |h| format!("{h}; "));
                FilterError(format!(
                    "unknown {what} `{v}` ({hint}known: {})",
                    known.join(", ")
                ))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        crate::model::build::ModelText::new("T")
            .party("us", "US")
            .party("ru", "RU")
            .issue("land", "Land")
            .model()
    }

    #[test]
    fn parses_every_key_and_round_trips_through_describe() {
        let m = model();
        let f = Filter::parse(
            &m,
            "party:ru issues:land status:proposed,stated confidence:low min-confidence:moderate hide-empty",
        )
        .unwrap();
        assert_eq!(f.min_confidence, Some(Confidence::Moderate));
        assert_eq!(f.parties, Some(vec![PartyId(1)]));
        assert_eq!(f.issues, Some(vec![IssueId(0)]));
        assert_eq!(f.statuses, Some(vec![Status::Proposed, Status::Stated]));
        assert_eq!(f.confidences, Some(vec![Confidence::Low]));
        assert!(f.hide_empty);
        assert_eq!(Filter::parse(&m, &f.describe(&m)).unwrap(), f);
        assert!(Filter::parse(&m, "  ").unwrap().is_empty());
    }

    #[test]
    fn a_key_given_twice_is_refused_not_half_applied() {
        let m = model();
        let e = Filter::parse(&m, "party:us parties:ru").unwrap_err().0;
        assert!(e.contains("`party:` is given twice"), "{e}");
        let e = Filter::parse(&m, "partysss:us").unwrap_err().0;
        assert!(e.contains("unknown filter key `partysss`"), "{e}");
    }

    #[test]
    fn parties_and_issues_are_named_as_shown_in_any_case() {
        let m = crate::model::build::ModelText::new("T")
            .party("us", "United States")
            .party("ru", "Russia")
            .party("europe", "Europe")
            .issue("land", "Territory")
            .model();
        let f = Filter::parse(&m, "party:RU,russia,Europe issue:TERRITORY").unwrap();
        assert_eq!(f.parties, Some(vec![PartyId(1), PartyId(2)]));
        assert_eq!(f.issues, Some(vec![IssueId(0)]));
        let e = Filter::parse(&m, "party:eu").unwrap_err().0;
        assert!(e.contains("did you mean `europe`?"), "{e}");
    }

    #[test]
    fn unknown_keys_and_values_name_the_known_ones() {
        let m = model();
        let e = Filter::parse(&m, "party:rus").unwrap_err().0;
        assert!(e.contains("`ru`") && e.contains("known: us, ru"), "{e}");
        assert!(
            Filter::parse(&m, "colour:red")
                .unwrap_err()
                .0
                .contains("unknown filter key")
        );
        assert!(
            Filter::parse(&m, "status:")
                .unwrap_err()
                .0
                .contains("no status")
        );
        assert!(
            Filter::parse(&m, "min-confidence:low,high")
                .unwrap_err()
                .0
                .contains("one word")
        );
        assert!(
            Filter::parse(&m, "land")
                .unwrap_err()
                .0
                .contains("key:value")
        );
    }
}
