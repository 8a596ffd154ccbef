//! The citations of the cells shown, numbered once for the formats that footnote them.
//!
//! Cells are walked row by row (issue, then party); each distinct citation (same
//! source, same matched text, same speaker) gets the next number, so two parties
//! citing the same sentence share one note. A cell whose latest statement takes no
//! stance while an earlier stance still stands cites both: the statement's citations,
//! then those of the stance it shows as still standing.

use crate::model::{Cell, Citation, SourceId};
use crate::view::View;
use crate::view::excerpt::Excerpt;
use std::collections::HashMap;

/// One numbered citation.
pub struct Note<'m> {
    /// The citation (the first of its kind met).
    pub citation: &'m Citation,
    /// The cells citing it, in grid order, without repeats.
    pub cited_by: Vec<Cell>,
}

/// All notes of a view and which notes each cell cites.
pub struct Notes<'m> {
    /// The notes; note `n` (1-based) is `list[n - 1]`.
    pub list: Vec<Note<'m>>,
    cells: HashMap<Cell, Vec<usize>>,
}

impl<'m> Notes<'m> {
    /// Numbers the citations of every cell of `view`.
    pub fn new(view: &'m View) -> Self {
        let mut list: Vec<Note<'m>> = Vec::new();
        let mut seen: HashMap<(SourceId, usize, usize, Option<&str>), usize> = HashMap::new();
        let mut cells = HashMap::new();
        for &issue in &view.issues {
            for &party in &view.parties {
                let cell = Cell::new(issue, party);
                let Some(p) = view.cell(issue, party) else {
                    continue;
                };
                let standing = view
                    .earlier_standing(issue, party)
                    .map(|s| &view.model.positions[s]);
                let mut mine: Vec<usize> = Vec::new();
                for c in p
                    .citations
                    .iter()
                    .chain(standing.into_iter().flat_map(|s| &s.citations))
                {
                    let Some((span, _)) = c.place() else {
                        continue;
                    };
                    let key = (c.source, span.start, span.end, c.speaker.as_deref());
                    let n = *seen.entry(key).or_insert_with(|| {
                        list.push(Note {
                            citation: c,
                            cited_by: Vec::new(),
                        });
                        list.len() - 1
                    });
                    if !mine.contains(&n) {
                        mine.push(n);
                        list[n].cited_by.push(cell);
                    }
                }
                cells.insert(cell, mine);
            }
        }
        Notes { list, cells }
    }

    /// Every note with its number (1-based) and its quote in its sentence, in order.
    pub fn excerpts(&self, view: &View) -> Vec<(usize, &Note<'m>, Excerpt)> {
        self.list
            .iter()
            .enumerate()
            .filter_map(|(n, note)| Some((n + 1, note, Excerpt::of(&view.model, note.citation)?)))
            .collect()
    }

    /// The notes (0-based indices into [`Notes::list`]) a cell cites, in order.
    pub fn of_cell(&self, cell: Cell) -> &[usize] {
        self.cells.get(&cell).map_or(&[], Vec::as_slice)
    }

    /// Which of a note's citing cells `cell` is (0-based), for back-links.
    pub fn back_index(&self, note: usize, cell: Cell) -> usize {
        self.list[note]
            .cited_by
            .iter()
            .position(|&c| c == cell)
            .unwrap_or(0)
    }
}
