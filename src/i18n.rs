//! Interface strings, read from `assets/i18n/{en,ko}.ron` (compiled in, so the browser
//! build needs no file access). Level texts come from the level files.

use crate::rules::Lang;
use std::collections::HashMap;

pub const EN: &str = include_str!("../assets/i18n/en.ron");
pub const KO: &str = include_str!("../assets/i18n/ko.ron");

#[cfg_attr(feature = "gui", derive(bevy::prelude::Resource))]
pub struct Tr {
    en: HashMap<String, String>,
    ko: HashMap<String, String>,
}

pub fn parse(src: &str) -> Result<HashMap<String, String>, String> {
    ron::from_str(src).map_err(|e| e.to_string())
}

impl Tr {
    pub fn load() -> Tr {
        // The files are compiled in and checked by a test: a parse failure is a build bug.
        Tr {
            en: parse(EN).unwrap_or_default(),
            ko: parse(KO).unwrap_or_default(),
        }
    }

    /// The game's strings with more added: the handouts' own (`crate::handout`), printed,
    /// never drawn, and so kept out of the game's files.
    pub fn load_with(en: &str, ko: &str) -> Tr {
        let mut tr = Tr::load();
        tr.en.extend(parse(en).unwrap_or_default());
        tr.ko.extend(parse(ko).unwrap_or_default());
        tr
    }

    /// The string for `key`; the English one if Korean lacks it; the key itself if both do.
    pub fn get<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        let map = if lang == Lang::Ko { &self.ko } else { &self.en };
        map.get(key)
            .or_else(|| self.en.get(key))
            .map_or(key, String::as_str)
    }

    /// Whether the English strings have `key` (Korean has the same keys: a test checks).
    pub fn has(&self, key: &str) -> bool {
        self.en.contains_key(key)
    }

    /// `get` with `{name}` placeholders filled in, and `{name:one|other}` chosen by the
    /// number `name` holds (English plurals: "1 item", "2 items"; Korean needs none).
    pub fn fmt(&self, lang: Lang, key: &str, args: &[(&str, String)]) -> String {
        let mut s = self.get(lang, key).to_string();
        for (k, v) in args {
            s = s.replace(&format!("{{{k}}}"), v);
            s = plural(&s, k, v);
        }
        s
    }

    /// "Day 3" / "3일째": the day of the level, counted from 1.
    pub fn day(&self, lang: Lang, n: usize) -> String {
        self.fmt(lang, "common.day_n", &[("n", n.to_string())])
    }

    /// "Day 3 of 14" / "3일째 / 14일".
    pub fn day_of(&self, lang: Lang, n: usize, of: usize) -> String {
        self.fmt(
            lang,
            "common.day_of",
            &[("n", n.to_string()), ("of", of.to_string())],
        )
    }

    /// A date as a reader writes it, with the day of the week (the traders' messages name
    /// weekdays): "Thu 25 Apr 2024" / "2024년 4월 25일(목)".
    pub fn date(&self, lang: Lang, d: crate::rules::date::Date) -> String {
        let (y, m, day) = d.ymd();
        let pick = |key: &str, i: usize| {
            self.get(lang, key)
                .split_whitespace()
                .nth(i)
                .unwrap_or("")
                .to_string()
        };
        self.fmt(
            lang,
            "date.full",
            &[
                ("wd", pick("date.weekdays", d.weekday())),
                ("mon", pick("date.months", m as usize - 1)),
                ("y", y.to_string()),
                ("m", m.to_string()),
                ("d", day.to_string()),
            ],
        )
    }
}

/// The form of `{k:one|other}` for the value `v`: for a number, `one` if it is 1 (English
/// plurals); for a Korean word, `one` after a final consonant and `other` after a vowel (the
/// particles 이/가, 을/를: "광명이", "은희가"; 으로/로, 로 after ㄹ as after a vowel), read from its
/// last syllable; for anything else
/// both, as Korean print does ("을(를)").
fn choose(v: &str, one: &str, other: &str) -> String {
    let t = v.trim();
    // Money is read with its unit after it: "₩35,000" is 삼만 오천 원, "¥50" 오십 위안 (a final
    // consonant), "$10" 십 달러 (a vowel).
    match t.trim_start_matches('-').chars().next() {
        Some('₩' | '¥') => return one.to_string(),
        Some('$') => return other.to_string(),
        _ => {}
    }
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return (if t == "1" { one } else { other }).to_string();
    }
    match t.chars().rev().find(|c| c.is_alphanumeric()) {
        Some(c @ '\u{AC00}'..='\u{D7A3}') => {
            let last = (c as u32 - 0xAC00) % 28;
            // (으)로 is 로 after ㄹ too: "철로", not "철으로".
            let batchim = last != 0 && !(one == "으로" && last == 8);
            (if batchim { one } else { other }).to_string()
        }
        _ => format!("{one}({other})"),
    }
}

/// Replaces each `{k:one|other}` in `s` by the form `choose` picks for `v`.
fn plural(s: &str, k: &str, v: &str) -> String {
    let open = format!("{{{k}:");
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(&open) {
        out.push_str(&rest[..at]);
        let body = &rest[at + open.len()..];
        let Some(end) = body.find('}') else {
            out.push_str(&rest[at..]);
            return out;
        };
        let (one, other) = body[..end]
            .split_once('|')
            .unwrap_or((&body[..end], &body[..end]));
        out.push_str(&choose(v, one, other));
        rest = &body[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::choose;

    #[test]
    fn korean_particles_follow_the_last_syllable() {
        assert_eq!(choose("광명", "이", "가"), "이");
        assert_eq!(choose("은희", "이", "가"), "가");
        assert_eq!(choose("광명이 생일 (뒤 벽에 초상화)", "을", "를"), "를");
        assert_eq!(choose("Trace", "을", "를"), "을(를)");
        assert_eq!(choose("철민", "으로", "로"), "으로");
        assert_eq!(choose("순이", "으로", "로"), "로");
        assert_eq!(choose("철", "으로", "로"), "로");
        assert_eq!(choose("철", "을", "를"), "을");
        assert_eq!(choose("₩35,000", "을", "를"), "을");
        assert_eq!(choose("¥50", "을", "를"), "을");
        assert_eq!(choose("$10", "을", "를"), "를");
        assert_eq!(choose("1", "item", "items"), "item");
        assert_eq!(choose("12", "item", "items"), "items");
    }

    #[test]
    fn dates_name_the_day_of_the_week() {
        use crate::rules::{Lang, date::Date};
        let tr = super::Tr::load();
        // 25 April 2024 was a Thursday (the wholesaler's "Thursday" in level 1).
        let d = Date::from_ymd(2024, 4, 25).unwrap();
        assert_eq!(tr.date(Lang::En, d), "Thu 25 Apr 2024");
        assert_eq!(tr.date(Lang::Ko, d), "2024년 4월 25일(목)");
        assert_eq!(
            tr.date(Lang::Ko, Date::from_ymd(2025, 1, 5).unwrap()),
            "2025년 1월 5일(일)"
        );
        assert_eq!(tr.day(Lang::Ko, 1), "1일째");
        assert_eq!(tr.day_of(Lang::Ko, 3, 14), "3일째 / 14일");
        assert_eq!(tr.day_of(Lang::En, 3, 14), "Day 3 of 14");
    }
}
