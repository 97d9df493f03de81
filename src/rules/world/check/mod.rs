//! Checks a level and the fact catalog: every reference and number, each problem located
//! by file, line and column. One function per section of the level file.

use super::ids::Ids;
use super::parse::Problem;
use crate::rules::date::Date;
use crate::rules::locate::{Locator, Step};
use crate::rules::scenario::*;
use crate::rules::text::Text;
use Step::{Key as K, Nth as N};
use std::collections::{HashMap, HashSet};

mod events;
mod world;

use events::*;
use world::*;

/// Collects problems, each located by a path into the document.
struct Report<'a> {
    file: &'a str,
    loc: Locator<'a>,
    problems: Vec<Problem>,
}

impl Report<'_> {
    fn at(&mut self, path: &[Step], message: String) {
        let (line, col) = self.loc.find(path);
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            col,
            message,
        });
    }

    fn text(&mut self, path: &[Step], what: &str, t: &Text) {
        if let Some(lang) = t.missing() {
            let key = if lang.starts_with("English") {
                "en"
            } else {
                "ko"
            };
            let mut p = path.to_vec();
            p.push(Step::Key(key));
            self.at(&p, format!("missing {lang} translation of {what}"));
        }
    }

    fn unique<'s>(&mut self, section: &str, ids: impl Iterator<Item = &'s str>) {
        let mut seen = HashSet::new();
        for (n, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.at(
                    &[Step::Key(section), Step::Nth(n), Step::Key("id")],
                    format!("duplicate id `{id}` in {section}: expected each id once"),
                );
            }
        }
    }
}

fn list(names: &HashMap<&str, usize>) -> String {
    let mut v: Vec<&str> = names.keys().copied().collect();
    v.sort_unstable();
    let shown: Vec<String> = v.iter().take(12).map(|s| format!("`{s}`")).collect();
    let more = if v.len() > 12 { ", ..." } else { "" };
    format!("{}{more}", shown.join(", "))
}

/// Checks a fact catalog on its own.
pub fn check_catalog(file: &str, src: &str, cat: &FactCatalog) -> Vec<Problem> {
    let mut r = Report {
        file,
        loc: Locator::new(src),
        problems: Vec::new(),
    };
    r.unique("cards", cat.cards.iter().map(|c| c.id.as_str()));
    let sources: HashSet<u32> = cat.sources.iter().map(|s| s.id).collect();
    for (n, s) in cat.sources.iter().enumerate() {
        if let Some(lang) = s.outlet.missing() {
            r.at(
                &[Step::Key("sources"), Step::Nth(n), Step::Key("outlet")],
                format!(
                    "source {} has no outlet in {lang}: expected the name of the publication",
                    s.id
                ),
            );
        }
    }
    for (n, c) in cat.cards.iter().enumerate() {
        let here = [Step::Key("cards"), Step::Nth(n)];
        r.text(
            &[here[0], here[1], Step::Key("title")],
            &format!("card `{}` title", c.id),
            &c.title,
        );
        r.text(
            &[here[0], here[1], Step::Key("text")],
            &format!("card `{}` text", c.id),
            &c.text,
        );
        for (key, t) in [("gentle_title", &c.gentle_title), ("gentle", &c.gentle)] {
            if let Some(t) = t {
                let what = format!("card `{}` {key}", c.id);
                r.text(&[here[0], here[1], Step::Key(key)], &what, t);
            }
        }
        match c.source {
            None => r.at(
                &here,
                format!(
                    "fact card `{}` has no source: expected `source: N` with a source number from research/facts.md",
                    c.id
                ),
            ),
            Some(s) if !sources.contains(&s) => r.at(
                &[here[0], here[1], Step::Key("source")],
                format!("fact card `{}` cites source {s}, which is not in `sources`", c.id),
            ),
            _ => {}
        }
        for (m, q) in c.check.iter().enumerate() {
            let at = |k: &'static str| {
                [
                    here[0],
                    here[1],
                    Step::Key("check"),
                    Step::Nth(m),
                    Step::Key(k),
                ]
            };
            let what = format!("card `{}` check question", c.id);
            r.text(&at("ask"), &what, &q.ask);
            if q.options.len() != 4 {
                r.at(
                    &at("options"),
                    format!(
                        "{} options: expected 4 (\"not sure\" is added by the game)",
                        q.options.len()
                    ),
                );
            }
            for (k, o) in q.options.iter().enumerate() {
                let path = [
                    here[0],
                    here[1],
                    Step::Key("check"),
                    Step::Nth(m),
                    Step::Key("options"),
                    Step::Nth(k),
                ];
                r.text(&path, "an option", o);
            }
            for (key, i) in [("right", q.right), ("dramatic", q.dramatic)] {
                if i >= q.options.len() {
                    r.at(
                        &at(key),
                        format!(
                            "{key} {i} is not one of the {} options (counted from 0)",
                            q.options.len()
                        ),
                    );
                }
            }
        }
    }
    r.problems
}

/// What a level may refer to: its own ids and the catalog's cards and sources.
struct Refs<'a> {
    ids: Ids<'a>,
    cards: HashSet<&'a str>,
    sources: HashSet<u32>,
}

impl Refs<'_> {
    fn place(&self, r: &mut Report, path: &[Step], id: &str) {
        if !self.ids.places.contains_key(id) {
            r.at(
                path,
                format!(
                    "unknown place `{id}`: expected one of {}",
                    list(&self.ids.places)
                ),
            );
        }
    }

    fn good(&self, r: &mut Report, path: &[Step], id: &str) {
        if !self.ids.goods.contains_key(id) {
            r.at(
                path,
                format!(
                    "unknown good `{id}`: expected one of {}",
                    list(&self.ids.goods)
                ),
            );
        }
    }

    fn fact(&self, r: &mut Report, path: &[Step], id: &Option<String>) {
        if let Some(id) = id
            && !self.cards.contains(id.as_str())
        {
            r.at(
                path,
                format!("unknown fact card `{id}`: expected an id from the facts catalog"),
            );
        }
    }

    fn source(&self, r: &mut Report, path: &[Step], s: u32) {
        if s != 0 && !self.sources.contains(&s) {
            r.at(path, format!("unknown source {s}: expected a number from the catalog's `sources`, or 0 for a figure invented for play"));
        }
    }

    fn contact(&self, r: &mut Report, path: &[Step], id: &str) {
        if self.ids.contact(id).is_err() {
            r.at(
                path,
                format!("unknown contact `{id}`: expected the id of a Contact in `phone`"),
            );
        }
    }

    fn tip(&self, r: &mut Report, path: &[Step], t: &Tip) {
        let mut p = path.to_vec();
        p.push(K("good"));
        self.good(r, &p, &t.good);
        p.pop();
        p.push(K("place"));
        self.place(r, &p, &t.place);
        if t.permille == 0 || t.permille > 5000 {
            p.pop();
            p.push(K("permille"));
            r.at(&p, format!("tip price {}‰: expected 1..5000", t.permille));
        }
    }

    fn item(&self, r: &mut Report, path: &[Step], it: &ItemSpec) {
        let mut p = path.to_vec();
        p.push(K("name"));
        r.text(&p, &format!("phone item `{}`", it.id), &it.name);
        if it.business > 10 || it.sentimental > 10 {
            r.at(
                path,
                format!(
                    "item `{}`: business and sentimental values go from 0 to 10",
                    it.id
                ),
            );
        }
        if let Some(k) = &it.knows {
            let mut p = path.to_vec();
            p.push(K("knows"));
            if it.kind != ItemKind::Contact {
                r.at(
                    &p,
                    format!(
                        "item `{}` is not a contact: only contacts know prices",
                        it.id
                    ),
                );
            }
            self.place(r, &p, k);
        }
    }
}

/// Checks a level against itself and its fact catalog.
pub fn check_level(file: &str, src: &str, lv: &Level, cat: &FactCatalog) -> Vec<Problem> {
    let mut r = Report {
        file,
        loc: Locator::new(src),
        problems: Vec::new(),
    };
    let c = Refs {
        ids: Ids::new(lv),
        cards: cat.cards.iter().map(|c| c.id.as_str()).collect(),
        sources: cat.sources.iter().map(|s| s.id).collect(),
    };
    r.unique("places", lv.places.iter().map(|p| p.id.as_str()));
    r.unique("goods", lv.goods.iter().map(|p| p.id.as_str()));
    r.unique("inspectors", lv.inspectors.iter().map(|p| p.id.as_str()));
    r.unique("campaigns", lv.campaigns.iter().map(|p| p.id.as_str()));
    r.unique("phone", lv.phone.iter().map(|p| p.id.as_str()));
    r.unique("messages", lv.messages.iter().map(|p| p.id.as_str()));
    r.unique("info_events", lv.info_events.iter().map(|p| p.id.as_str()));
    for section in [
        header,
        family,
        household,
        costs,
        places,
        routes,
        goods,
        exchange,
        inspectors,
        campaigns,
        phone,
        messages,
        info_events,
        endings,
    ] {
        section(&mut r, &c, lv);
    }
    events::check_cards(&mut r, lv, cat);
    r.problems
}
