//! How large a PDF's compressed streams become when decoded, found without ever
//! holding more than a cap of them: the guard against decompression bombs.

use lopdf::Stream;

/// A stream decoded by `decoded_len` grew past the cap.
#[derive(Debug, PartialEq, Eq)]
pub struct TooLarge;

/// The length of `stream` decoded through the filters the PDF reader decodes (its
/// own length when it has none, or when the first is one the reader leaves alone,
/// such as an image codec), or [`TooLarge`] as soon as any stage passes `cap` bytes. Only the stages that feed
/// another filter are kept in memory, and they are at most `cap` bytes.
pub fn decoded_len(stream: &Stream, cap: u64) -> Result<u64, TooLarge> {
    let mut len = stream.content.len() as u64;
    if len > cap {
        return Err(TooLarge);
    }
    let Ok(filters) = stream.filters() else {
        return Ok(len);
    };
    let mut data = std::borrow::Cow::Borrowed(stream.content.as_slice());
    for (i, filter) in filters.iter().enumerate() {
        let keep = i + 1 < filters.len();
        let mut out = Vec::new();
        len = match *filter {
            b"FlateDecode" | b"Fl" => inflate(&data, cap, keep.then_some(&mut out))?,
            b"LZWDecode" | b"LZW" => unlzw(&data, cap, keep.then_some(&mut out))?,
            b"ASCII85Decode" | b"A85" => {
                // At most four bytes out for one in; decoded as the reader would.
                let mut one = Stream::new(lopdf::dictionary! {}, data.to_vec());
                one.dict.set("Filter", lopdf::Object::Name(filter.to_vec()));
                out = one.decompressed_content().unwrap_or_default();
                if out.len() as u64 > cap {
                    return Err(TooLarge);
                }
                out.len() as u64
            }
            _ => return Ok(len),
        };
        data = std::borrow::Cow::Owned(out);
    }
    Ok(len)
}

/// Inflates zlib data (raw deflate if the zlib header is bad, as the PDF reader
/// does), counting the bytes and appending them to `out` if given.
fn inflate(data: &[u8], cap: u64, mut out: Option<&mut Vec<u8>>) -> Result<u64, TooLarge> {
    let run = |input: &[u8], zlib: bool, out: &mut Option<&mut Vec<u8>>| {
        let mut d = flate2::Decompress::new(zlib);
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let (was_in, was_out) = (d.total_in(), d.total_out());
            let at = usize::try_from(was_in)
                .unwrap_or(usize::MAX)
                .min(input.len());
            let status = d.decompress(&input[at..], &mut buf, flate2::FlushDecompress::None);
            let made = usize::try_from(d.total_out() - was_out).unwrap_or(0);
            if d.total_out() > cap {
                return Err(TooLarge);
            }
            if let Some(out) = out.as_deref_mut() {
                out.extend_from_slice(&buf[..made]);
            }
            match status {
                Ok(flate2::Status::StreamEnd) | Err(_) => return Ok(d.total_out()),
                Ok(_) if made == 0 && d.total_in() == was_in => return Ok(d.total_out()),
                Ok(_) => {}
            }
        }
    };
    match run(data, true, &mut out)? {
        0 if data.len() > 2 => run(&data[2..], false, &mut out),
        n => Ok(n),
    }
}

/// Decodes LZW data, counting the bytes and appending them to `out` if given.
fn unlzw(data: &[u8], cap: u64, mut out: Option<&mut Vec<u8>>) -> Result<u64, TooLarge> {
    let mut d = weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
    let mut buf = vec![0u8; 64 * 1024];
    let (mut at, mut total) = (0usize, 0u64);
    loop {
        let r = d.decode_bytes(&data[at.min(data.len())..], &mut buf);
        at += r.consumed_in;
        total += r.consumed_out as u64;
        if total > cap {
            return Err(TooLarge);
        }
        if let Some(out) = out.as_deref_mut() {
            out.extend_from_slice(&buf[..r.consumed_out]);
        }
        match r.status {
            Ok(weezl::LzwStatus::Ok) if r.consumed_in > 0 || r.consumed_out > 0 => {}
            _ => return Ok(total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn stream(filters: &[&str], content: Vec<u8>) -> Stream {
        let names: Vec<lopdf::Object> = filters
            .iter()
            .map(|f| lopdf::Object::Name(f.as_bytes().to_vec()))
            .collect();
        Stream::new(lopdf::dictionary! { "Filter" => names }, content)
    }

    #[test]
    fn sizes_are_counted_up_to_the_cap() {
        let spaces = vec![b' '; 1 << 20];
        let once = stream(&["FlateDecode"], deflate(&spaces));
        assert_eq!(decoded_len(&once, 2 << 20), Ok(1 << 20));
        assert_eq!(decoded_len(&once, 1000), Err(TooLarge));
        let twice = stream(&["FlateDecode", "FlateDecode"], deflate(&deflate(&spaces)));
        assert_eq!(decoded_len(&twice, 2 << 20), Ok(1 << 20));
        assert_eq!(decoded_len(&twice, 1000), Err(TooLarge));
        let mut lzw = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
        let packed = stream(&["LZWDecode"], lzw.encode(&spaces).unwrap());
        assert_eq!(decoded_len(&packed, 2 << 20), Ok(1 << 20));
        assert_eq!(decoded_len(&packed, 1000), Err(TooLarge));
        let a85 = stream(&["ASCII85Decode"], b"z~>".to_vec());
        assert_eq!(decoded_len(&a85, 10), Ok(4));
        assert_eq!(decoded_len(&a85, 3), Err(TooLarge));
        assert_eq!(decoded_len(&stream(&["DCTDecode"], vec![1, 2]), 2), Ok(2));
        assert_eq!(
            decoded_len(&Stream::new(lopdf::dictionary! {}, vec![1; 9]), 9),
            Ok(9)
        );
    }
}
