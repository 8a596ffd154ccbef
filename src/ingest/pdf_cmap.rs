//! How many character codes a font's ToUnicode CMap maps, counted without mapping
//! them: the PDF reader expands every `bfrange` into one table entry per code, so
//! the 1 KB range `<00000000> <FFFFFFFF>` would take four billion entries.

/// How many codes one ToUnicode CMap may map. Two-byte fonts map at most 65,536;
/// four times that leaves room for CMaps that map codes twice.
pub const MAX_CODES: u64 = 1 << 18;

/// The number of codes the `bfchar` and `bfrange` sections of `cmap` map (a range
/// whose end is below its start maps none), counting up to just past `MAX_CODES`.
pub fn codes(cmap: &[u8]) -> u64 {
    let mut total = 0u64;
    let mut at = 0;
    // Hex strings of the open section: each bfchar pair maps one code, each bfrange
    // triple (low, high, then a string or an array) the codes from low to high.
    let mut section: Option<&[u8]> = None;
    let mut hex: Vec<u64> = Vec::new();
    while at < cmap.len() && total <= MAX_CODES {
        let b = cmap[at];
        if b == b'<' && cmap.get(at + 1) != Some(&b'<') {
            let end = memchr::memchr(b'>', &cmap[at..]).map_or(cmap.len(), |e| at + e);
            hex.push(hex_value(&cmap[at + 1..end]));
            at = end + 1;
        } else if b == b'[' {
            // A bfrange's destination array: it closes the triple.
            let end = memchr::memchr(b']', &cmap[at..]).map_or(cmap.len(), |e| at + e);
            hex.push(0);
            at = end + 1;
        } else if b.is_ascii_alphabetic() {
            let end = cmap[at..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .map_or(cmap.len(), |e| at + e);
            match &cmap[at..end] {
                w @ (b"beginbfchar" | b"beginbfrange") => {
                    section = Some(w);
                    hex.clear();
                }
                b"endbfchar" | b"endbfrange" => section = None,
                _ => {}
            }
            at = end;
        } else {
            at += 1;
        }
        match section {
            Some(b"beginbfchar") if hex.len() == 2 => {
                total += 1;
                hex.clear();
            }
            Some(b"beginbfrange") if hex.len() == 3 => {
                if hex[1] >= hex[0] {
                    total = total.saturating_add(hex[1] - hex[0] + 1);
                }
                hex.clear();
            }
            _ => {}
        }
    }
    total
}

/// The value of a hex string's digits (white space skipped), its first 16 digits.
fn hex_value(digits: &[u8]) -> u64 {
    digits
        .iter()
        .filter_map(|c| char::from(*c).to_digit(16))
        .take(16)
        .fold(0u64, |v, d| (v << 4) | u64::from(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_chars_are_counted() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0011> <002E> endbfchar\n\
            2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0061> <0062>] endbfrange\n\
            endcmap";
        assert_eq!(codes(cmap), 2 + 3 + 2);
        assert_eq!(
            codes(b"1 beginbfrange <0000> <FFFF> <0000> endbfrange"),
            65_536
        );
        assert!(codes(b"1 beginbfrange <00000000> <FFFFFFFF> <0000> endbfrange") > MAX_CODES);
        assert_eq!(codes(b"1 beginbfrange <0010> <0001> <0000> endbfrange"), 0);
        assert_eq!(codes(b"beginbfrange <00"), 0);
    }
}
