//! Month and weekday names and the date formats of each kiosk language:
//! the short dates printed on badges and the long date on the welcome
//! page. Written out here rather than taken from a locale database
//! because the kiosk is a small box without one, and the words on a badge
//! must be the same on every kiosk.

use time::{Date, Month, OffsetDateTime, Weekday};

use super::Language;

/// Month abbreviations, January first, as each language writes them in a
/// date (French keeps the full stop of its abbreviations, German and
/// Spanish write none).
fn short_months(lang: Language) -> [&'static str; 12] {
    match lang {
        Language::En => ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        Language::De => ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
        Language::Es => ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
        Language::Fr => {
            ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
        }
    }
}

fn long_months(lang: Language) -> [&'static str; 12] {
    match lang {
        Language::En => [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        Language::De => [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        Language::Es => [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        Language::Fr => [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
    }
}

/// Weekday names, Monday first.
fn weekdays(lang: Language) -> [&'static str; 7] {
    match lang {
        Language::En => ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        Language::De => ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
        Language::Es => ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
        Language::Fr => ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    }
}

fn month_index(m: Month) -> usize {
    u8::from(m) as usize - 1
}

/// The month's abbreviation in `lang` ("Mär", "févr.", "sept").
pub fn short_month(m: Month, lang: Language) -> &'static str {
    short_months(lang)[month_index(m)]
}

/// The month's full name in `lang` ("März", "février").
pub fn long_month(m: Month, lang: Language) -> &'static str {
    long_months(lang)[month_index(m)]
}

/// The weekday's name in `lang` ("Sonntag", "dimanche").
pub fn weekday_name(d: Weekday, lang: Language) -> &'static str {
    weekdays(lang)[d.number_days_from_monday() as usize]
}

/// A short date as printed on badges: "6 Dec 2026", "6. Dez 2026",
/// "6 dic 2026", "6 déc. 2026". Day, month word, year in every language,
/// so it cannot be misread as a numeric date in another country's order.
pub fn short_date(date: Date, lang: Language) -> String {
    let day = date.day();
    let month = short_month(date.month(), lang);
    let year = date.year();
    match lang {
        Language::De => format!("{day}. {month} {year}"),
        _ => format!("{day} {month} {year}"),
    }
}

/// A badge's date and time, "6 Dec 2026 16:40" in the offset it carries:
/// a 24-hour clock is what all four languages use on a printed pass.
pub fn short_date_time(t: OffsetDateTime, lang: Language) -> String {
    format!("{} {:02}:{:02}", short_date(t.date(), lang), t.hour(), t.minute())
}

/// The date written out for the kiosk's welcome page: "Sunday, 6 December
/// 2026", "Sonntag, 6. Dezember 2026", "domingo, 6 de diciembre de 2026",
/// "dimanche 6 décembre 2026" (and "1er" for the first in French).
pub fn long_date(date: Date, lang: Language) -> String {
    let weekday = weekday_name(date.weekday(), lang);
    let month = long_month(date.month(), lang);
    let (day, year) = (date.day(), date.year());
    match lang {
        Language::En => format!("{weekday}, {day} {month} {year}"),
        Language::De => format!("{weekday}, {day}. {month} {year}"),
        Language::Es => format!("{weekday}, {day} de {month} de {year}"),
        Language::Fr if day == 1 => format!("{weekday} 1er {month} {year}"),
        Language::Fr => format!("{weekday} {day} {month} {year}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn the_long_date_reads_naturally_in_each_language() {
        let d = date!(2026 - 12 - 06);
        assert_eq!(long_date(d, Language::En), "Sunday, 6 December 2026");
        assert_eq!(long_date(d, Language::De), "Sonntag, 6. Dezember 2026");
        assert_eq!(long_date(d, Language::Es), "domingo, 6 de diciembre de 2026");
        assert_eq!(long_date(d, Language::Fr), "dimanche 6 décembre 2026");
        assert_eq!(long_date(date!(2027 - 03 - 01), Language::Fr), "lundi 1er mars 2027");
        assert_eq!(long_date(date!(2027 - 03 - 03), Language::De), "Mittwoch, 3. März 2027");
    }

    #[test]
    fn month_abbreviations_follow_each_language() {
        let months: Vec<&str> = (1..=12u8).map(|n| short_month(Month::try_from(n).unwrap(), Language::De)).collect();
        assert_eq!(months[2..], ["Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]);
        assert_eq!(short_month(Month::February, Language::Fr), "févr.");
        assert_eq!(short_month(Month::August, Language::Fr), "août");
        assert_eq!(short_month(Month::September, Language::Es), "sept");
        assert_eq!(short_month(Month::January, Language::Es), "ene");
    }

    #[test]
    fn a_badge_date_has_the_day_the_month_word_the_year_and_a_24_hour_time() {
        let t = datetime!(2026-11-18 16:05 +01:00);
        assert_eq!(short_date_time(t, Language::En), "18 Nov 2026 16:05");
        assert_eq!(short_date_time(t, Language::De), "18. Nov 2026 16:05");
        assert_eq!(short_date_time(t, Language::Es), "18 nov 2026 16:05");
        assert_eq!(short_date_time(t, Language::Fr), "18 nov. 2026 16:05");
    }

    #[test]
    fn every_month_and_weekday_has_a_distinct_name_in_every_language() {
        for lang in Language::ALL {
            for names in [&short_months(lang)[..], &long_months(lang)[..], &weekdays(lang)[..]] {
                let mut unique = names.to_vec();
                unique.sort_unstable();
                unique.dedup();
                assert_eq!(unique.len(), names.len(), "{lang}: {names:?}");
            }
        }
    }
}
