//! The citations of the cells shown, numbered once for the formats that footnote them.
//!
//! Cells are walked row by row (issue, then party); each distinct citation (same
//! source, same matched text, same speaker) gets the next number, so two parties
//! citing the same sentence share one note.

use crate::model::Citation;
use crate::view::View;
use std::collections::HashMap;

/// One numbered citation.
pub struct Note<'m> {
    /// The citation (the first of its kind met).
    pub citation: &'m Citation,
    /// The cells citing it, as `(issue, party)`, in grid order, without repeats.
    pub cited_by: Vec<(usize, usize)>,
}

/// All notes of a view and which notes each cell cites.
pub struct Notes<'m> {
    /// The notes; note `n` (1-based) is `list[n - 1]`.
    pub list: Vec<Note<'m>>,
    cells: Vec<Vec<Vec<usize>>>,
}

impl<'m> Notes<'m> {
    /// Numbers the citations of every cell of `view`.
    pub fn new(view: &'m View) -> Self {
        let mut list: Vec<Note<'m>> = Vec::new();
        let mut seen: HashMap<(usize, usize, usize, Option<&str>), usize> = HashMap::new();
        let mut cells = Vec::with_capacity(view.cells.len());
        for (ii, row) in view.cells.iter().enumerate() {
            let mut out_row = Vec::with_capacity(row.len());
            for pi in 0..row.len() {
                let mut mine: Vec<usize> = Vec::new();
                let shown = view.issues.contains(&ii) && view.parties.contains(&pi);
                let cell = view.cell(ii, pi).filter(|_| shown);
                for c in cell.map_or(&[][..], |p| &p.citations) {
                    let key = (c.source, c.span.start, c.span.end, c.speaker.as_deref());
                    let n = *seen.entry(key).or_insert_with(|| {
                        list.push(Note {
                            citation: c,
                            cited_by: Vec::new(),
                        });
                        list.len() - 1
                    });
                    if !mine.contains(&n) {
                        mine.push(n);
                        list[n].cited_by.push((ii, pi));
                    }
                }
                out_row.push(mine);
            }
            cells.push(out_row);
        }
        Notes { list, cells }
    }

    /// The notes (0-based indices into [`Notes::list`]) a cell cites, in order.
    pub fn of_cell(&self, issue: usize, party: usize) -> &[usize] {
        &self.cells[issue][party]
    }

    /// Which of a note's citing cells `(issue, party)` is (0-based), for back-links.
    pub fn back_index(&self, note: usize, issue: usize, party: usize) -> usize {
        self.list[note]
            .cited_by
            .iter()
            .position(|&c| c == (issue, party))
            .unwrap_or(0)
    }
}
