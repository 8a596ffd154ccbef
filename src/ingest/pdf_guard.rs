//! The checks a PDF passes before the PDF reader reads it, and the cut that leaves
//! the reader only what it needs: so that no file, however made, makes it loop,
//! recurse or allocate without end.

use super::pdf_content::{self, TooMany};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, HashMap, HashSet};

thread_local! {
    /// What the object streams of the PDF being loaded on this thread may still
    /// decode to, and whether one went over it.
    pub static OBJECT_STREAMS: std::cell::Cell<(u64, bool)> = const { std::cell::Cell::new((0, false)) };
}

/// A load filter: an object stream that would decode past what is left of the
/// object streams' budget is dropped (unopened) and the overrun noted.
pub fn guard_object_stream(
    id: lopdf::ObjectId,
    object: &mut Object,
) -> Option<(lopdf::ObjectId, Object)> {
    if let Object::Stream(s) = object
        && s.dict.has_type(b"ObjStm")
    {
        let (left, _) = OBJECT_STREAMS.get();
        match super::inflate::decoded_len(s, left) {
            Ok(n) => OBJECT_STREAMS.set((left - n, false)),
            Err(_) => {
                OBJECT_STREAMS.set((0, true));
                return None;
            }
        }
    }
    Some((id, object.clone()))
}

/// Why a PDF is refused before it is read, in words.
pub struct Refused(pub String);

impl From<String> for Refused {
    fn from(reason: String) -> Self {
        Refused(reason)
    }
}

/// Refuses a PDF one of whose streams decodes to more than `stream_bytes`, or all of
/// them together to more than `total_bytes`.
pub fn check_sizes(doc: &Document, stream_bytes: u64, total_bytes: u64) -> Result<(), Refused> {
    let mib = |n: u64| n as f64 / 1048576.0;
    let mut total = 0u64;
    for (id, object) in &doc.objects {
        let Object::Stream(s) = object else {
            continue;
        };
        let cap = stream_bytes.min(total_bytes - total);
        total += super::inflate::decoded_len(s, cap).map_err(|_| {
            if cap == stream_bytes {
                format!(
                    "a compressed stream (object {}) decodes to over {:.0} MiB; refused as a possible decompression bomb",
                    id.0,
                    mib(cap)
                )
            } else {
                format!(
                    "its compressed streams decode to over {:.0} MiB in all; refused as a possible decompression bomb",
                    mib(total_bytes)
                )
            }
        })?;
    }
    Ok(())
}

/// How deep a page tree, or forms drawn within forms, may go.
const MAX_DEPTH: usize = 64;

/// How many times, in all, the pages may draw a form (counting forms within forms).
const MAX_FORM_USES: usize = 100_000;

/// Refuses the structures the PDF reader would loop or recurse on without end: a
/// page tree whose `/Kids` or `/Parent` lead back to a node already seen, one deeper
/// than [`MAX_DEPTH`], and forms that draw themselves (directly or through others).
pub fn check_structure(doc: &Document) -> Result<(), Refused> {
    let Ok(root) = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
    else {
        return Ok(());
    };
    // Down the tree: every node once.
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![(root, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        if !seen.insert(id) {
            return Err(Refused(format!(
                "the page tree reaches object {} twice (its /Kids loop)",
                id.0
            )));
        }
        if depth > MAX_DEPTH {
            return Err(Refused(format!(
                "the page tree is more than {MAX_DEPTH} levels deep"
            )));
        }
        let Ok(node) = doc.get_dictionary(id) else {
            continue;
        };
        if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
            for kid in kids {
                if let Ok(kid) = kid.as_reference() {
                    stack.push((kid, depth + 1));
                }
            }
        }
    }
    // Up from every page, the way inherited attributes are looked up.
    let mut budget = MAX_FORM_USES;
    for page in doc.page_iter() {
        let mut chain = vec![page];
        let mut resources = None;
        let mut at = doc.get_dictionary(page).ok();
        while let Some(node) = at {
            if resources.is_none() {
                resources = node
                    .get_deref(b"Resources", doc)
                    .and_then(Object::as_dict)
                    .ok();
            }
            let Ok(parent) = node.get(b"Parent").and_then(Object::as_reference) else {
                break;
            };
            if chain.contains(&parent) {
                return Err(Refused(format!(
                    "the page tree loops: the /Parent of object {} leads back to object {}",
                    chain[chain.len() - 1].0,
                    parent.0
                )));
            }
            if chain.len() > MAX_DEPTH {
                return Err(Refused(format!(
                    "the page tree is more than {MAX_DEPTH} levels deep"
                )));
            }
            chain.push(parent);
            at = doc.get_dictionary(parent).ok();
        }
        if let Some(resources) = resources {
            check_forms(doc, resources, &mut Vec::new(), &mut budget)?;
        }
    }
    Ok(())
}

/// Follows the forms that `resources` lets a content stream draw, and the forms
/// those draw in turn; `path` holds the forms being drawn.
fn check_forms(
    doc: &Document,
    resources: &lopdf::Dictionary,
    path: &mut Vec<lopdf::ObjectId>,
    budget: &mut usize,
) -> Result<(), Refused> {
    let Ok(xobjects) = resources
        .get_deref(b"XObject", doc)
        .and_then(Object::as_dict)
    else {
        return Ok(());
    };
    for (_, xobject) in xobjects {
        let Ok(id) = xobject.as_reference() else {
            continue;
        };
        let Ok(form) = doc.get_object(id).and_then(Object::as_stream) else {
            continue;
        };
        if !matches!(
            form.dict.get(b"Subtype").and_then(Object::as_name),
            Ok(b"Form")
        ) {
            continue;
        }
        if path.contains(&id) {
            return Err(Refused(format!("a form draws itself (object {})", id.0)));
        }
        if path.len() >= MAX_DEPTH {
            return Err(Refused(format!(
                "forms are drawn within forms more than {MAX_DEPTH} deep"
            )));
        }
        *budget = budget.checked_sub(1).ok_or_else(|| {
            format!("the pages draw forms within forms more than {MAX_FORM_USES} times")
        })?;
        let inner = form
            .dict
            .get_deref(b"Resources", doc)
            .and_then(Object::as_dict)
            .unwrap_or(resources);
        path.push(id);
        check_forms(doc, inner, path, budget)?;
        path.pop();
    }
    Ok(())
}

/// Refuses a PDF with a font whose ToUnicode CMap maps more than
/// [`super::pdf_cmap::MAX_CODES`] character codes (each would be an entry of the
/// reader's table).
pub fn check_cmaps(doc: &Document) -> Result<(), Refused> {
    let mut seen = HashSet::new();
    for object in doc.objects.values() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        let Ok(id) = dict.get(b"ToUnicode").and_then(Object::as_reference) else {
            continue;
        };
        if !seen.insert(id) {
            continue;
        }
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            continue;
        };
        let cmap = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        if super::pdf_cmap::codes(&cmap) > super::pdf_cmap::MAX_CODES {
            return Err(Refused(format!(
                "a font's ToUnicode map (object {}) maps over {} character codes; refused as a possible memory bomb",
                id.0,
                super::pdf_cmap::MAX_CODES
            )));
        }
    }
    Ok(())
}

/// The resources a page uses: its own `/Resources`, or the nearest ancestor's.
fn page_resources(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let mut node = doc.get_dictionary(page).ok();
    for _ in 0..=MAX_DEPTH {
        let n = node?;
        if let Ok(r) = n.get_deref(b"Resources", doc).and_then(Object::as_dict) {
            return Some(r.clone());
        }
        node = n
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|p| doc.get_dictionary(p))
            .ok();
    }
    None
}

/// The forms `resources` names, by name.
fn forms_of(doc: &Document, resources: Option<&Dictionary>) -> HashMap<Vec<u8>, ObjectId> {
    let Some(xobjects) =
        resources.and_then(|r| r.get_deref(b"XObject", doc).and_then(Object::as_dict).ok())
    else {
        return HashMap::new();
    };
    xobjects
        .iter()
        .filter_map(|(name, o)| {
            let id = o.as_reference().ok()?;
            let form = doc.get_object(id).and_then(Object::as_stream).ok()?;
            let subtype = form.dict.get(b"Subtype").and_then(Object::as_name).ok()?;
            (subtype == b"Form").then(|| (name.clone(), id))
        })
        .collect()
}

/// Cuts the content of every page, and of every form a page draws, down to what
/// places and shows text ([`pdf_content::text_only`]); refuses a page or form that
/// keeps too much even so. `pages` are the document's pages by number.
pub fn cut_to_text(doc: &mut Document, pages: &BTreeMap<u32, ObjectId>) -> Result<(), Refused> {
    let too_many = |what: String| {
        move |TooMany| {
            Refused(format!(
                "{what} holds over {} text operators and operands; refused as a possible memory bomb",
                pdf_content::MAX_TOKENS
            ))
        }
    };
    let mut done: HashSet<ObjectId> = HashSet::new();
    for (&n, &page) in pages {
        let resources = page_resources(doc, page);
        let forms = forms_of(doc, resources.as_ref());
        let content = doc.get_page_content(page).unwrap_or_default();
        let cut = pdf_content::text_only(&content, &|name| forms.contains_key(name))
            .map_err(too_many(format!("page {n}")))?;
        drop(content);
        let stream = doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), cut));
        if let Ok(dict) = doc.get_dictionary_mut(page) {
            dict.set("Contents", stream);
        }
        // The forms it draws, and those they draw (with their own resources, else
        // the drawer's), each once.
        let mut todo: Vec<(ObjectId, Option<Dictionary>)> = forms
            .into_values()
            .map(|id| (id, resources.clone()))
            .collect();
        while let Some((id, inherited)) = todo.pop() {
            if !done.insert(id) {
                continue;
            }
            let Ok(form) = doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            let own = form
                .dict
                .get_deref(b"Resources", doc)
                .and_then(Object::as_dict)
                .ok()
                .cloned();
            let resources = own.or(inherited);
            let inner = forms_of(doc, resources.as_ref());
            let content = form
                .decompressed_content()
                .unwrap_or_else(|_| form.content.clone());
            let cut = pdf_content::text_only(&content, &|name| inner.contains_key(name))
                .map_err(too_many(format!("a form (object {})", id.0)))?;
            if let Ok(Object::Stream(form)) = doc.get_object_mut(id) {
                form.set_plain_content(cut);
            }
            todo.extend(inner.into_values().map(|f| (f, resources.clone())));
        }
    }
    Ok(())
}
