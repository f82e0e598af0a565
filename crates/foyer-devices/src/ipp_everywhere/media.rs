//! PWG self-describing media names (PWG 5101.1): `class_name_WxHunit`,
//! e.g. `oe_4x3-label_4x3in` or `iso_a6_105x148mm`. The size is in the
//! name, so a badge can be laid out for media Foyer has no table for.

/// A media's width (across the feed) and length, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MediaSize {
    pub width_mm: f32,
    pub length_mm: f32,
}

impl MediaSize {
    /// The size from a PWG media name; an error says why it is not one.
    pub fn parse(name: &str) -> Result<Self, String> {
        let size = name.rsplit('_').next().filter(|_| name.matches('_').count() >= 2);
        let size = size.ok_or_else(|| format!("{name:?} is not a PWG media name like oe_4x3-label_4x3in"))?;
        let (dims, per_mm) = if let Some(d) = size.strip_suffix("in") {
            (d, 25.4)
        } else if let Some(d) = size.strip_suffix("mm") {
            (d, 1.0)
        } else {
            return Err(format!("media {name:?}: the size {size:?} ends in neither in nor mm"));
        };
        let parsed = dims.split_once('x').and_then(|(w, l)| Some((w.parse::<f32>().ok()?, l.parse::<f32>().ok()?)));
        match parsed {
            Some((w, l)) if w > 0.0 && l > 0.0 && w.max(l) * per_mm <= 1000.0 => {
                Ok(Self { width_mm: w * per_mm, length_mm: l * per_mm })
            }
            _ => Err(format!("media {name:?}: {dims:?} is not WIDTHxLENGTH")),
        }
    }

    /// Width and length in dots at `dpi`.
    pub fn dots(&self, dpi: u32) -> (u32, u32) {
        let d = |mm: f32| (mm * dpi as f32 / 25.4).round() as u32;
        (d(self.width_mm), d(self.length_mm))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inch_and_millimetre_names_give_their_size() {
        let label = MediaSize::parse("oe_4x3-label_4x3in").unwrap();
        assert_eq!(label.dots(300), (1200, 900));
        assert_eq!(MediaSize::parse("iso_a6_105x148mm").unwrap().dots(254), (1050, 1480));
        assert_eq!(MediaSize::parse("na_index-4x6_4x6in").unwrap().dots(203), (812, 1218));
    }

    #[test]
    fn a_name_without_a_size_is_refused_saying_why() {
        assert!(MediaSize::parse("labels").unwrap_err().contains("not a PWG media name"));
        assert!(MediaSize::parse("oe_x_4x3ft").unwrap_err().contains("neither in nor mm"));
        assert!(MediaSize::parse("oe_x_4by3in").unwrap_err().contains("WIDTHxLENGTH"));
    }
}
