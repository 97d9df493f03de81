//! From text to a world the rules can run: parse a level and the fact catalog, check every
//! reference and number (each problem with file, line and column), resolve ids to indices.

use super::date::Date;
use super::locate::{Locator, Step};
use super::scenario::*;
use super::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// One mistake in a file, printed as `file:line:col: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

fn syntax_problem(file: &str, e: &ron::error::SpannedError) -> Problem {
    Problem {
        file: file.to_string(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: format!("{}", e.code),
    }
}

pub fn parse_level(file: &str, src: &str) -> Result<Level, Problem> {
    ron::from_str(src).map_err(|e| syntax_problem(file, &e))
}

pub fn parse_catalog(file: &str, src: &str) -> Result<FactCatalog, Problem> {
    ron::from_str(src).map_err(|e| syntax_problem(file, &e))
}

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
        if s.outlet.trim().is_empty() {
            r.at(
                &[Step::Key("sources"), Step::Nth(n), Step::Key("outlet")],
                format!(
                    "source {} has no outlet: expected the name of the publication",
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
    }
    r.problems
}

/// Checks a level against itself and its fact catalog.
pub fn check_level(file: &str, src: &str, lv: &Level, cat: &FactCatalog) -> Vec<Problem> {
    use Step::{Key as K, Nth as N};
    let mut r = Report {
        file,
        loc: Locator::new(src),
        problems: Vec::new(),
    };
    fn ix(v: Vec<&str>) -> HashMap<&str, usize> {
        v.into_iter().enumerate().map(|(i, s)| (s, i)).collect()
    }
    let places = ix(lv.places.iter().map(|p| p.id.as_str()).collect());
    let goods = ix(lv.goods.iter().map(|g| g.id.as_str()).collect());
    let inspectors = ix(lv.inspectors.iter().map(|p| p.id.as_str()).collect());
    let items = ix(lv.phone.iter().map(|p| p.id.as_str()).collect());
    let cards: HashSet<&str> = cat.cards.iter().map(|c| c.id.as_str()).collect();
    let sources: HashSet<u32> = cat.sources.iter().map(|s| s.id).collect();

    r.unique("places", lv.places.iter().map(|p| p.id.as_str()));
    r.unique("goods", lv.goods.iter().map(|p| p.id.as_str()));
    r.unique("inspectors", lv.inspectors.iter().map(|p| p.id.as_str()));
    r.unique("campaigns", lv.campaigns.iter().map(|p| p.id.as_str()));
    r.unique("phone", lv.phone.iter().map(|p| p.id.as_str()));
    r.unique("messages", lv.messages.iter().map(|p| p.id.as_str()));
    r.unique("info_events", lv.info_events.iter().map(|p| p.id.as_str()));

    let place_ref = |r: &mut Report, path: &[Step], id: &str| {
        if !places.contains_key(id) {
            r.at(
                path,
                format!("unknown place `{id}`: expected one of {}", list(&places)),
            );
        }
    };
    let good_ref = |r: &mut Report, path: &[Step], id: &str| {
        if !goods.contains_key(id) {
            r.at(
                path,
                format!("unknown good `{id}`: expected one of {}", list(&goods)),
            );
        }
    };
    let fact_ref = |r: &mut Report, path: &[Step], id: &Option<String>| {
        if let Some(id) = id
            && !cards.contains(id.as_str())
        {
            r.at(
                path,
                format!("unknown fact card `{id}`: expected an id from the facts catalog"),
            );
        }
    };
    let source_ref = |r: &mut Report, path: &[Step], s: u32| {
        if s != 0 && !sources.contains(&s) {
            r.at(path, format!("unknown source {s}: expected a number from the catalog's `sources`, or 0 for a figure invented for play"));
        }
    };

    r.text(&[K("title")], "the level title", &lv.title);
    r.text(&[K("summary")], "the level summary", &lv.summary);
    r.text(&[K("phone_model")], "the phone model", &lv.phone_model);
    if lv.days == 0 || lv.days > 120 {
        r.at(
            &[K("days")],
            format!("days is {}: expected 1 to 120", lv.days),
        );
    }
    if lv.rules.screenshot_every_minutes == 0 {
        r.at(
            &[K("rules"), K("screenshot_every_minutes")],
            "screenshot_every_minutes is 0: expected at least 1".into(),
        );
    }
    for (n, m) in lv.family.members.iter().enumerate() {
        r.text(
            &[K("family"), K("members"), N(n), K("name")],
            "a family member's name",
            &m.name,
        );
        r.text(
            &[K("family"), K("members"), N(n), K("role")],
            "a family member's role",
            &m.role,
        );
    }
    if lv.family.grain_goods.is_empty() {
        r.at(
            &[K("family"), K("grain_goods")],
            "no grain goods: expected at least one good the family eats".into(),
        );
    }
    for (n, g) in lv.family.grain_goods.iter().enumerate() {
        good_ref(&mut r, &[K("family"), K("grain_goods"), N(n)], g);
    }
    for (field, v) in [
        ("won", lv.money.won),
        ("yuan", lv.money.yuan),
        ("usd", lv.money.usd),
    ] {
        if v < 0 {
            r.at(
                &[K("money"), K(field)],
                format!("negative starting money ({v} {field}): expected 0 or more"),
            );
        }
    }
    for (n, (g, _)) in lv.stock.iter().enumerate() {
        good_ref(&mut r, &[K("stock"), N(n)], g);
    }
    let c = &lv.costs;
    for (field, v) in [
        ("phone_topup_won", c.phone_topup_won),
        ("stall_fee_won", c.stall_fee_won),
        ("call_won", c.call_won),
        ("repair_wipe_won", c.repair_wipe_won),
        ("repair_convert_won", c.repair_convert_won),
        ("new_phone_yuan", c.new_phone_yuan),
    ] {
        if v < 0 {
            r.at(
                &[K("costs"), K(field)],
                format!("negative cost {field} = {v}: expected 0 or more"),
            );
        }
    }
    if c.repair_inform_permille > 1000 || c.exchange_spread_permille > 500 {
        r.at(
            &[K("costs")],
            "a per-mille chance or margin is out of range: expected 0..1000 (spread 0..500)".into(),
        );
    }

    place_ref(&mut r, &[K("home")], &lv.home);
    for (n, p) in lv.places.iter().enumerate() {
        let here = [K("places"), N(n)];
        r.text(
            &[here[0], here[1], K("name")],
            &format!("place `{}`", p.id),
            &p.name,
        );
        if !(0..=1000).contains(&p.x) || !(0..=1000).contains(&p.y) {
            r.at(
                &[here[0], here[1], K("x")],
                format!(
                    "place `{}` is off the map at ({}, {}): expected 0..1000",
                    p.id, p.x, p.y
                ),
            );
        }
        if p.risk_permille > 1000 {
            r.at(
                &[here[0], here[1], K("risk_permille")],
                format!(
                    "risk {} is not a per-mille chance: expected 0..1000",
                    p.risk_permille
                ),
            );
        }
        for (k, (g, pm)) in p.prices.iter().enumerate() {
            good_ref(&mut r, &[here[0], here[1], K("prices"), N(k)], g);
            if *pm == 0 || *pm > 5000 {
                r.at(
                    &[here[0], here[1], K("prices"), N(k)],
                    format!(
                        "local price {pm}‰ for `{g}`: expected 1..5000 per mille of the dated price"
                    ),
                );
            }
        }
    }
    if let Some(&h) = places.get(lv.home.as_str())
        && lv.places[h].kind != PlaceKind::Home
    {
        r.at(
            &[K("home")],
            format!("home `{}` is not a place of kind Home", lv.home),
        );
    }

    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); lv.places.len()];
    for (n, rt) in lv.routes.iter().enumerate() {
        let here = [K("routes"), N(n)];
        place_ref(&mut r, &[here[0], here[1], K("from")], &rt.from);
        place_ref(&mut r, &[here[0], here[1], K("to")], &rt.to);
        if rt.from == rt.to {
            r.at(
                &here,
                format!(
                    "route from `{}` to itself: expected two different places",
                    rt.from
                ),
            );
        }
        if rt.minutes == 0 || rt.minutes > 600 {
            r.at(
                &[here[0], here[1], K("minutes")],
                format!("route takes {} minutes: expected 1..600", rt.minutes),
            );
        }
        if rt.risk_permille > 1000 {
            r.at(
                &[here[0], here[1], K("risk_permille")],
                format!(
                    "risk {} is not a per-mille chance: expected 0..1000",
                    rt.risk_permille
                ),
            );
        }
        if let (Some(&a), Some(&b)) = (places.get(rt.from.as_str()), places.get(rt.to.as_str())) {
            adj[a].push(b);
            adj[b].push(a);
        }
    }
    if let Some(&h) = places.get(lv.home.as_str()) {
        let mut seen = vec![false; lv.places.len()];
        let mut todo = vec![h];
        seen[h] = true;
        while let Some(p) = todo.pop() {
            for &q in &adj[p] {
                if !seen[q] {
                    seen[q] = true;
                    todo.push(q);
                }
            }
        }
        for (n, p) in lv.places.iter().enumerate() {
            if !seen[n] {
                r.at(&[K("places"), N(n), K("id")], format!("place `{}` cannot be reached from home `{}`: expected a chain of routes to it", p.id, lv.home));
            }
        }
    }

    let end = lv.start.plus_days(lv.days as i32 - 1);
    for (n, g) in lv.goods.iter().enumerate() {
        let here = [K("goods"), N(n)];
        r.text(
            &[here[0], here[1], K("name")],
            &format!("good `{}`", g.id),
            &g.name,
        );
        r.text(
            &[here[0], here[1], K("unit")],
            &format!("unit of `{}`", g.id),
            &g.unit,
        );
        if g.noise_permille > 500 {
            r.at(
                &[here[0], here[1], K("noise_permille")],
                format!("noise {}‰: expected 0..500", g.noise_permille),
            );
        }
        if g.series.is_empty() {
            r.at(
                &[here[0], here[1], K("series")],
                format!(
                    "good `{}` has no prices: expected at least one dated price",
                    g.id
                ),
            );
        }
        let mut prev: Option<Date> = None;
        for (k, p) in g.series.iter().enumerate() {
            let pt = [here[0], here[1], K("series"), N(k)];
            if p.won <= 0 {
                r.at(
                    &[pt[0], pt[1], pt[2], pt[3], K("won")],
                    format!(
                        "price of `{}` on {} is {} won: expected a positive price",
                        g.id, p.date, p.won
                    ),
                );
            }
            if let Some(d) = prev
                && p.date <= d
            {
                r.at(&[pt[0], pt[1], pt[2], pt[3], K("date")], format!("date {} comes after {} in the price series of `{}`: expected dates in increasing order", p.date, d, g.id));
            }
            source_ref(&mut r, &[pt[0], pt[1], pt[2], pt[3], K("source")], p.source);
            prev = Some(p.date);
        }
    }

    let ex = &lv.exchange.series;
    if ex.is_empty() {
        r.at(
            &[K("exchange"), K("series")],
            "no exchange rates: expected a dated series".into(),
        );
    } else {
        if ex[0].date > lv.start {
            r.at(&[K("exchange"), K("series"), N(0), K("date")], format!("gap in the exchange series: the first rate is on {} but the level starts on {}", ex[0].date, lv.start));
        }
        if ex[ex.len() - 1].date < end {
            r.at(&[K("exchange"), K("series"), N(ex.len() - 1), K("date")], format!("gap in the exchange series: the last rate is on {} but the level runs to {end}", ex[ex.len() - 1].date));
        }
    }
    for (k, p) in ex.iter().enumerate() {
        let pt = [K("exchange"), K("series"), N(k)];
        if p.usd <= 0 || p.cny <= 0 {
            r.at(&pt, format!("exchange rate on {} is not positive: expected won per dollar and per yuan above 0", p.date));
        }
        source_ref(&mut r, &[pt[0], pt[1], pt[2], K("source")], p.source);
        if k > 0 {
            let d = ex[k - 1].date;
            if p.date <= d {
                r.at(&[pt[0], pt[1], pt[2], K("date")], format!("date {} comes after {d} in the exchange series: expected dates in increasing order", p.date));
            } else if p.date.days_since(d) > lv.exchange.max_gap_days as i32 {
                r.at(&[pt[0], pt[1], pt[2], K("date")], format!("gap in the exchange series: {} days from {d} to {}, expected at most {} (max_gap_days)", p.date.days_since(d), p.date, lv.exchange.max_gap_days));
            }
        }
    }

    if lv.inspectors.is_empty() {
        r.at(
            &[K("inspectors")],
            "no inspectors: expected at least one".into(),
        );
    }
    for (n, s) in lv.inspectors.iter().enumerate() {
        let here = [K("inspectors"), N(n)];
        r.text(
            &[here[0], here[1], K("name")],
            &format!("inspector `{}`", s.id),
            &s.name,
        );
        if s.search.is_empty() {
            r.at(
                &[here[0], here[1], K("search")],
                format!(
                    "inspector `{}` searches nothing: expected a search order",
                    s.id
                ),
            );
        }
        if s.thoroughness_permille > 1000 || s.greed_permille > 1000 || s.talk_permille > 1000 {
            r.at(
                &here,
                format!("inspector `{}` has a chance above 1000‰", s.id),
            );
        }
        if s.bribe_min_won <= 0 {
            r.at(
                &[here[0], here[1], K("bribe_min_won")],
                format!(
                    "bribe_min_won {}: expected a positive amount",
                    s.bribe_min_won
                ),
            );
        }
        if s.currencies.is_empty() {
            r.at(
                &[here[0], here[1], K("currencies")],
                "no currencies: expected at least one the inspector takes".into(),
            );
        }
        for (k, p) in s.places.iter().enumerate() {
            place_ref(&mut r, &[here[0], here[1], K("places"), N(k)], p);
        }
        fact_ref(&mut r, &[here[0], here[1], K("fact")], &s.fact);
    }
    for (n, c) in lv.campaigns.iter().enumerate() {
        let here = [K("campaigns"), N(n)];
        r.text(
            &[here[0], here[1], K("name")],
            &format!("campaign `{}`", c.id),
            &c.name,
        );
        if c.to < c.from {
            r.at(
                &[here[0], here[1], K("to")],
                format!(
                    "campaign `{}` ends on {} before it starts on {}: expected dates in order",
                    c.id, c.to, c.from
                ),
            );
        }
        for (k, i) in c.inspectors.iter().enumerate() {
            if !inspectors.contains_key(i.as_str()) {
                r.at(
                    &[here[0], here[1], K("inspectors"), N(k)],
                    format!(
                        "unknown inspector `{i}`: expected one of {}",
                        list(&inspectors)
                    ),
                );
            }
        }
        fact_ref(&mut r, &[here[0], here[1], K("fact")], &c.fact);
    }

    let check_item = |r: &mut Report, path: &[Step], it: &ItemSpec| {
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
            if !places.contains_key(k.as_str()) {
                r.at(
                    &p,
                    format!("unknown place `{k}`: expected one of {}", list(&places)),
                );
            }
        }
    };
    for (n, it) in lv.phone.iter().enumerate() {
        check_item(&mut r, &[K("phone"), N(n)], it);
    }
    let contact_ref = |r: &mut Report, path: &[Step], id: &str| match items.get(id) {
        Some(&i) if lv.phone[i].kind == ItemKind::Contact => {}
        _ => r.at(
            path,
            format!("unknown contact `{id}`: expected the id of a Contact in `phone`"),
        ),
    };
    let tip_ref = |r: &mut Report, path: &[Step], t: &Tip| {
        let mut p = path.to_vec();
        p.push(K("good"));
        good_ref(r, &p, &t.good);
        p.pop();
        p.push(K("place"));
        place_ref(r, &p, &t.place);
        if t.permille == 0 || t.permille > 5000 {
            p.pop();
            p.push(K("permille"));
            r.at(&p, format!("tip price {}‰: expected 1..5000", t.permille));
        }
    };
    let mut attach_ids = HashSet::new();
    for (n, m) in lv.messages.iter().enumerate() {
        let here = [K("messages"), N(n)];
        contact_ref(&mut r, &[here[0], here[1], K("from")], &m.from);
        r.text(
            &[here[0], here[1], K("text")],
            &format!("message `{}`", m.id),
            &m.text,
        );
        if m.day == 0 || m.day > lv.days {
            r.at(
                &[here[0], here[1], K("day")],
                format!(
                    "message `{}` arrives on day {}: expected 1..{}",
                    m.id, m.day, lv.days
                ),
            );
        }
        if let Some(t) = &m.tip {
            tip_ref(&mut r, &[here[0], here[1], K("tip")], t);
        }
        if let Some(a) = &m.attachment {
            check_item(&mut r, &[here[0], here[1], K("attachment")], a);
            if items.contains_key(a.id.as_str()) || !attach_ids.insert(a.id.as_str()) {
                r.at(
                    &[here[0], here[1], K("attachment"), K("id")],
                    format!(
                        "duplicate id `{}`: an attachment needs an id of its own",
                        a.id
                    ),
                );
            }
        }
    }
    for (n, e) in lv.info_events.iter().enumerate() {
        let here = [K("info_events"), N(n)];
        contact_ref(&mut r, &[here[0], here[1], K("from")], &e.from);
        r.text(
            &[here[0], here[1], K("text")],
            &format!("information event `{}`", e.id),
            &e.text,
        );
        if e.day == 0 || e.day > lv.days {
            r.at(
                &[here[0], here[1], K("day")],
                format!(
                    "information event `{}` arrives on day {}: expected 1..{}",
                    e.id, e.day, lv.days
                ),
            );
        }
        if let Some(t) = &e.forward_deal {
            tip_ref(&mut r, &[here[0], here[1], K("forward_deal")], t);
        }
        fact_ref(&mut r, &[here[0], here[1], K("fact")], &e.fact);
    }
    let e = &lv.endings;
    if e.criticism_limit == 0 || e.hungry_limit == 0 {
        r.at(
            &[K("endings")],
            "criticism_limit and hungry_limit must be at least 1".into(),
        );
    }
    if e.thrive_won <= e.ruin_below_won {
        r.at(
            &[K("endings"), K("thrive_won")],
            format!(
                "thrive_won {} is not above ruin_below_won {}",
                e.thrive_won, e.ruin_below_won
            ),
        );
    }
    for (n, f) in lv.facts.iter().enumerate() {
        if !cards.contains(f.as_str()) {
            r.at(
                &[K("facts"), N(n)],
                format!("unknown fact card `{f}`: expected an id from the facts catalog"),
            );
        }
    }
    for (n, s) in lv.simplifications.iter().enumerate() {
        r.text(&[K("simplifications"), N(n)], "a simplification", s);
    }
    r.problems
}

/// A checked level with every id resolved to an index, plus the fact catalog.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct World {
    pub level: Option<Level>,
    pub catalog: Option<FactCatalog>,
    pub home: u16,
    /// For each place: (neighbour, route index).
    pub adj: Vec<Vec<(u16, u16)>>,
    /// For each place: the next step (place, route) on the quickest way home.
    pub way_home: Vec<Option<(u16, u16)>>,
    /// [place][good]: local price per mille, 0 where the good is not traded.
    pub local: Vec<Vec<u32>>,
    pub grain: Vec<u16>,
    pub start_stock: Vec<u32>,
    pub inspector_places: Vec<Vec<u16>>,
    pub campaign_inspectors: Vec<Vec<u16>>,
    /// Every phone item the game can hold: the starting phone, then each message's
    /// thread, each attachment, each information event's thread.
    pub specs: Vec<ItemSpec>,
    pub spec_flags: Vec<u8>,
    pub spec_knows: Vec<Option<u16>>,
    pub msg_spec: Vec<u16>,
    pub msg_attach: Vec<Option<u16>>,
    pub msg_tip: Vec<Option<(u16, u16, u32)>>,
    pub info_spec: Vec<u16>,
    pub info_deal: Vec<Option<(u16, u16, u32)>>,
    /// next_hop[from][to]: the neighbour to walk to on the quickest way.
    pub next_hop: Vec<Vec<u16>>,
    /// Each good's market depth (kg), from the level.
    pub depth: Vec<i64>,
    pub n_goods: usize,
    pub n_places: usize,
    /// Per day of the level: each good's dated price, the rates, the campaign running.
    pub days: Vec<DayTable>,
}

/// What the dated series say about one day of the level, worked out once at load.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DayTable {
    pub base: Vec<i64>,
    pub rates: (i64, i64),
    pub campaign: Option<u16>,
}

pub fn flags_bits(flags: &[Flag]) -> u8 {
    flags.iter().fold(0, |b, f| b | f.bit())
}

impl World {
    /// Resolves a level that passed [`check_level`] (it returns an error otherwise).
    pub fn new(level: Level, catalog: FactCatalog) -> Result<World, String> {
        let place = |id: &str| {
            level
                .places
                .iter()
                .position(|p| p.id == id)
                .map(|i| i as u16)
                .ok_or_else(|| format!("unknown place `{id}`"))
        };
        let good = |id: &str| {
            level
                .goods
                .iter()
                .position(|g| g.id == id)
                .map(|i| i as u16)
                .ok_or_else(|| format!("unknown good `{id}`"))
        };
        let contact = |id: &str| {
            level
                .phone
                .iter()
                .position(|g| g.id == id)
                .ok_or_else(|| format!("unknown contact `{id}`"))
        };
        let np = level.places.len();
        let ng = level.goods.len();
        let home = place(&level.home)?;
        let mut adj = vec![Vec::new(); np];
        let mut ends = Vec::new();
        for (i, r) in level.routes.iter().enumerate() {
            let (a, b) = (place(&r.from)?, place(&r.to)?);
            adj[a as usize].push((b, i as u16));
            adj[b as usize].push((a, i as u16));
            ends.push((a, b));
        }
        // Dijkstra from home over route minutes (few places: a plain scan is enough).
        let mut dist = vec![u32::MAX; np];
        let mut way_home = vec![None; np];
        let mut done = vec![false; np];
        dist[home as usize] = 0;
        for _ in 0..np {
            let Some(u) = (0..np)
                .filter(|&i| !done[i] && dist[i] < u32::MAX)
                .min_by_key(|&i| dist[i])
            else {
                break;
            };
            done[u] = true;
            for &(v, r) in &adj[u] {
                let d = dist[u] + level.routes[r as usize].minutes;
                if d < dist[v as usize] {
                    dist[v as usize] = d;
                    way_home[v as usize] = Some((u as u16, r));
                }
            }
        }
        let mut local = vec![vec![0u32; ng]; np];
        for (p, pl) in level.places.iter().enumerate() {
            for (g, pm) in &pl.prices {
                local[p][good(g)? as usize] = *pm;
            }
        }
        let grain = level
            .family
            .grain_goods
            .iter()
            .map(|g| good(g))
            .collect::<Result<_, _>>()?;
        let mut start_stock = vec![0; ng];
        for (g, q) in &level.stock {
            start_stock[good(g)? as usize] += q;
        }
        let inspector_places = level
            .inspectors
            .iter()
            .map(|s| {
                s.places
                    .iter()
                    .map(|p| place(p))
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect::<Result<_, _>>()?;
        let campaign_inspectors = level
            .campaigns
            .iter()
            .map(|c| {
                c.inspectors
                    .iter()
                    .map(|i| {
                        level
                            .inspectors
                            .iter()
                            .position(|s| &s.id == i)
                            .map(|x| x as u16)
                            .ok_or_else(|| format!("unknown inspector `{i}`"))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect::<Result<_, _>>()?;
        let tip = |t: &Option<Tip>| -> Result<Option<(u16, u16, u32)>, String> {
            t.as_ref()
                .map(|t| Ok((good(&t.good)?, place(&t.place)?, t.permille)))
                .transpose()
        };
        let mut specs: Vec<ItemSpec> = level.phone.clone();
        let mut msg_spec = Vec::new();
        let mut msg_attach = Vec::new();
        let mut msg_tip = Vec::new();
        for m in &level.messages {
            let sender = &level.phone[contact(&m.from)?];
            msg_spec.push(specs.len() as u16);
            specs.push(ItemSpec {
                id: m.id.clone(),
                kind: ItemKind::Thread,
                name: sender.name.clone(),
                body: m.text.clone(),
                storage: Storage::Internal,
                origin: Origin::Own,
                flags: m.flags.clone(),
                business: if m.tip.is_some() { 6 } else { 1 },
                sentimental: if sender.relative { 5 } else { 1 },
                knows: None,
                relative: sender.relative,
            });
            msg_tip.push(tip(&m.tip)?);
            msg_attach.push(m.attachment.as_ref().map(|a| {
                specs.push(a.clone());
                specs.len() as u16 - 1
            }));
        }
        let mut info_spec = Vec::new();
        let mut info_deal = Vec::new();
        for e in &level.info_events {
            let sender = &level.phone[contact(&e.from)?];
            info_spec.push(specs.len() as u16);
            specs.push(ItemSpec {
                id: e.id.clone(),
                kind: ItemKind::Thread,
                name: sender.name.clone(),
                body: e.text.clone(),
                storage: Storage::Internal,
                origin: Origin::Own,
                flags: e.flags.clone(),
                business: if e.forward_deal.is_some() { 4 } else { 0 },
                sentimental: if sender.relative { 3 } else { 0 },
                knows: None,
                relative: sender.relative,
            });
            info_deal.push(tip(&e.forward_deal)?);
        }
        let spec_flags = specs.iter().map(|s| flags_bits(&s.flags)).collect();
        let spec_knows = specs
            .iter()
            .map(|s| s.knows.as_deref().map(place).transpose())
            .collect::<Result<_, _>>()?;
        let next_hop = next_hops(&level, &adj);
        let depth = level
            .goods
            .iter()
            .map(|g| g.depth_kg.max(1) as i64)
            .collect();
        let mut world = World {
            next_hop,
            depth,
            home,
            adj,
            way_home,
            local,
            grain,
            start_stock,
            inspector_places,
            campaign_inspectors,
            specs,
            spec_flags,
            spec_knows,
            msg_spec,
            msg_attach,
            msg_tip,
            info_spec,
            info_deal,
            n_goods: ng,
            n_places: np,
            level: Some(level),
            catalog: Some(catalog),
            days: Vec::new(),
        };
        world.days = (0..world.lv().days as i32)
            .map(|d| world.day_table(world.lv().start.plus_days(d)))
            .collect();
        Ok(world)
    }

    /// The dated values of one day (from the table when the day is inside the level).
    pub fn day_table(&self, date: Date) -> DayTable {
        let lv = self.lv();
        DayTable {
            base: (0..self.n_goods)
                .map(|g| self.base_price(g, date))
                .collect(),
            rates: self.rates(date),
            campaign: lv
                .campaigns
                .iter()
                .position(|c| c.from <= date && date <= c.to)
                .map(|c| c as u16),
        }
    }

    /// The level (every World built by [`World::new`] has one).
    pub fn lv(&self) -> &Level {
        self.level.as_ref().expect("a World is built from a level")
    }

    pub fn end_date(&self) -> Date {
        let lv = self.lv();
        lv.start.plus_days(lv.days as i32 - 1)
    }

    /// The dated price of a good (won per unit), linear between series points.
    pub fn base_price(&self, good: usize, date: Date) -> i64 {
        interpolate(&self.lv().goods[good].series, date, |p| (p.date, p.won))
    }

    /// Won per dollar and per yuan on a date.
    pub fn rates(&self, date: Date) -> (i64, i64) {
        let s = &self.lv().exchange.series;
        (
            interpolate(s, date, |p| (p.date, p.usd)),
            interpolate(s, date, |p| (p.date, p.cny)),
        )
    }
}

fn interpolate<T>(series: &[T], date: Date, f: impl Fn(&T) -> (Date, i64)) -> i64 {
    let i = series.partition_point(|p| f(p).0 <= date);
    if i == 0 {
        return f(&series[0]).1;
    }
    if i == series.len() {
        return f(&series[i - 1]).1;
    }
    let (d0, v0) = f(&series[i - 1]);
    let (d1, v1) = f(&series[i]);
    let span = (d1.0 - d0.0) as i64;
    v0 + (v1 - v0) * (date.0 - d0.0) as i64 / span
}

/// All-pairs next hop by walking minutes (Floyd–Warshall: maps have a few dozen places).
fn next_hops(level: &Level, adj: &[Vec<(u16, u16)>]) -> Vec<Vec<u16>> {
    let n = adj.len();
    let mut d = vec![vec![u32::MAX / 4; n]; n];
    let mut nx = vec![vec![0u16; n]; n];
    for (a, row) in nx.iter_mut().enumerate() {
        d[a][a] = 0;
        row[a] = a as u16;
        for &(b, r) in &adj[a] {
            let m = level.routes[r as usize].minutes;
            if m < d[a][b as usize] {
                d[a][b as usize] = m;
                row[b as usize] = b;
            }
        }
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if d[i][k] + d[k][j] < d[i][j] {
                    d[i][j] = d[i][k] + d[k][j];
                    nx[i][j] = nx[i][k];
                }
            }
        }
    }
    nx
}
