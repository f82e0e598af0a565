//! The fixed words printed on a badge, in each kiosk language. Every
//! printer (receipt, label, ZPL, IPP) and the screen preview take their
//! words from here, so a badge says the same thing wherever it is shown.
//!
//! Every word uses only letters that the printers' single-byte code pages
//! (CP437, CP858, CP1252) all hold, so a native receipt prints them as
//! printer text; the devices crate checks that against its tables.

use time::OffsetDateTime;

use super::calendar::short_date_time;
use super::{Language, VisitorType};

/// The words of a badge in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadgeWords {
    /// The language the words are in.
    pub language: Language,
    /// Before the host's name, separator included ("Host:", "Hôte :").
    pub host: &'static str,
    /// Before the check-in time.
    pub issued: &'static str,
    /// Before the expiry time.
    pub valid_until: &'static str,
}

impl BadgeWords {
    /// The badge words of `lang`.
    pub fn of(lang: Language) -> Self {
        let (host, issued, valid_until) = match lang {
            Language::En => ("Host:", "Issued", "Valid until"),
            Language::De => ("Gastgeber:", "Ausgestellt", "Gültig bis"),
            Language::Es => ("Anfitrión:", "Emitido", "Válido hasta"),
            // French sets a space before a colon.
            Language::Fr => ("Hôte :", "Émis le", "Valable jusqu'au"),
        };
        Self { language: lang, host, issued, valid_until }
    }

    /// The visitor type as the badge shows it, in capitals. The words name
    /// the kind of visit rather than a gendered person where the language
    /// would otherwise force one (German "BEWERBUNG", not "BEWERBER").
    pub fn visitor_type(&self, t: VisitorType) -> &'static str {
        use VisitorType::*;
        match (self.language, t) {
            (Language::En, _) => t.label(),
            (Language::De, Guest) => "GAST",
            (Language::De, Contractor) => "FREMDFIRMA",
            (Language::De, Interview) => "BEWERBUNG",
            (Language::De, Delivery) => "LIEFERUNG",
            (Language::Es, Guest) => "VISITANTE",
            (Language::Es, Contractor) => "CONTRATISTA",
            (Language::Es, Interview) => "ENTREVISTA",
            (Language::Es, Delivery) => "ENTREGA",
            (Language::Fr, Guest) => "VISITEUR",
            (Language::Fr, Contractor) => "PRESTATAIRE",
            (Language::Fr, Interview) => "ENTRETIEN",
            (Language::Fr, Delivery) => "LIVRAISON",
        }
    }

    /// "Host: Charles Babbage"; `name` must already be cleaned for print.
    pub fn host_line(&self, name: &str) -> String {
        format!("{} {name}", self.host)
    }

    /// "Issued 18 Nov 2026 11:06".
    pub fn issued_line(&self, at: OffsetDateTime) -> String {
        format!("{} {}", self.issued, short_date_time(at, self.language))
    }

    /// "Valid until 18 Nov 2026 23:06".
    pub fn valid_until_line(&self, at: OffsetDateTime) -> String {
        format!("{} {}", self.valid_until, short_date_time(at, self.language))
    }

    /// Every fixed word, for checks that each can be printed.
    pub fn all_words(&self) -> Vec<&'static str> {
        let mut words = vec![self.host, self.issued, self.valid_until];
        words.extend(VisitorType::ALL.map(|t| self.visitor_type(t)));
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn german_spanish_and_french_badges_use_their_own_words() {
        let de = BadgeWords::of(Language::De);
        assert_eq!((de.host, de.issued, de.valid_until), ("Gastgeber:", "Ausgestellt", "Gültig bis"));
        let es = BadgeWords::of(Language::Es);
        assert_eq!((es.host, es.issued, es.valid_until), ("Anfitrión:", "Emitido", "Válido hasta"));
        let fr = BadgeWords::of(Language::Fr);
        assert_eq!((fr.host, fr.issued, fr.valid_until), ("Hôte :", "Émis le", "Valable jusqu'au"));
    }

    #[test]
    fn english_visitor_types_are_the_labels_the_badge_always_had() {
        let en = BadgeWords::of(Language::En);
        for t in VisitorType::ALL {
            assert_eq!(en.visitor_type(t), t.label());
        }
        assert_eq!(BadgeWords::of(Language::De).visitor_type(VisitorType::Guest), "GAST");
    }

    #[test]
    fn each_language_names_the_four_visitor_types_differently() {
        for lang in Language::ALL {
            let w = BadgeWords::of(lang);
            let mut labels: Vec<&str> = VisitorType::ALL.map(|t| w.visitor_type(t)).to_vec();
            assert!(labels.iter().all(|l| *l == l.to_uppercase()), "{lang}: {labels:?}");
            labels.sort_unstable();
            labels.dedup();
            assert_eq!(labels.len(), 4, "{lang}");
        }
    }

    #[test]
    fn the_lines_put_the_dates_in_the_badge_language() {
        let t = datetime!(2026-03-05 09:30 UTC);
        let de = BadgeWords::of(Language::De);
        assert_eq!(de.issued_line(t), "Ausgestellt 5. Mär 2026 09:30");
        assert_eq!(de.host_line("Ada"), "Gastgeber: Ada");
        assert_eq!(BadgeWords::of(Language::Fr).valid_until_line(t), "Valable jusqu'au 5 mars 2026 09:30");
    }
}
