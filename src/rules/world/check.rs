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
    r.problems
}

/// Title, summary, days, the phone's screenshot rule.
fn header(r: &mut Report, _: &Refs, lv: &Level) {
    r.text(&[K("title")], "the level title", &lv.title);
    r.text(&[K("summary")], "the level summary", &lv.summary);
    r.text(&[K("phone_model")], "the phone model", &lv.phone_model);
    if lv.days == 0 || lv.days > 120 {
        r.at(
            &[K("days")],
            format!("days is {}: expected 1 to 120", lv.days),
        );
    }
    if let Some(d) = lv.first_stop_by_day
        && (d == 0 || d > lv.days)
    {
        r.at(
            &[K("first_stop_by_day")],
            format!(
                "first_stop_by_day is {d}: expected a day from 1 to {}",
                lv.days
            ),
        );
    }
    if lv.rules.screenshot_every_minutes == 0 {
        r.at(
            &[K("rules"), K("screenshot_every_minutes")],
            "screenshot_every_minutes is 0: expected at least 1".into(),
        );
    }
}

/// The family and what it starts with.
fn family(r: &mut Report, c: &Refs, lv: &Level) {
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
        c.good(r, &[K("family"), K("grain_goods"), N(n)], g);
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
        c.good(r, &[K("stock"), N(n)], g);
    }
}

/// The household: costs, the husband's work, loans, sickness, the family's requests.
fn household(r: &mut Report, _: &Refs, lv: &Level) {
    let h = &lv.household;
    let at = |f: &'static str| [K("household"), K(f)];
    for (f, v) in [
        ("fuel_won", h.fuel_won),
        ("levy_won_per_month", h.levy_won_per_month),
        ("school_won_per_month", h.school_won_per_month),
        ("wage_won_per_month", h.wage_won_per_month),
        ("eight_three_won_per_month", h.eight_three_won_per_month),
        ("day_labour_won", h.day_labour_won),
        ("loan_max_won", h.loan_max_won),
        ("medicine_won", h.medicine_won),
    ] {
        if v < 0 {
            r.at(&at(f), format!("{f} is {v}: expected 0 or more won"));
        }
    }
    for (f, v) in [
        ("wage_paid_permille", h.wage_paid_permille),
        ("day_labour_permille", h.day_labour_permille),
        ("loan_permille_per_month", h.loan_permille_per_month),
    ] {
        if v > 1000 {
            r.at(
                &at(f),
                format!("{f} is {v}: expected a per-mille share, 0..1000"),
            );
        }
    }
    if h.loan_days == 0 || h.sick_at == 0 {
        r.at(
            &at("loan_days"),
            "loan_days and sick_at must be at least 1".into(),
        );
    }
    let mut seen = HashSet::new();
    for (n, q) in h.requests.iter().enumerate() {
        let path = |f: &'static str| [K("household"), K("requests"), N(n), K(f)];
        if !seen.insert(q.id.as_str()) {
            r.at(&path("id"), format!("duplicate request id `{}`", q.id));
        }
        r.text(&path("what"), &format!("request `{}`", q.id), &q.what);
        r.text(
            &path("missed"),
            &format!("request `{}` (missed)", q.id),
            &q.missed,
        );
        if q.day == 0 || q.day > lv.days || q.days == 0 {
            r.at(
                &path("day"),
                format!(
                    "request `{}` arrives on day {} with {} days to meet it: expected a day 1..{} and at least 1 day",
                    q.id, q.day, q.days, lv.days
                ),
            );
        }
        if q.who as usize >= lv.family.members.len() {
            r.at(
                &path("who"),
                format!(
                    "request `{}` is asked by member {}: the family has {}",
                    q.id,
                    q.who,
                    lv.family.members.len()
                ),
            );
        }
        if q.won <= 0 {
            r.at(
                &path("won"),
                format!(
                    "request `{}` costs {}: expected a positive amount",
                    q.id, q.won
                ),
            );
        }
    }
}

/// Costs and per-mille rates.
fn costs(r: &mut Report, _: &Refs, lv: &Level) {
    let costs = &lv.costs;
    for (field, v) in [
        ("phone_topup_won", costs.phone_topup_won),
        ("stall_fee_won", costs.stall_fee_won),
        ("call_won", costs.call_won),
        ("repair_wipe_won", costs.repair_wipe_won),
        ("repair_convert_won", costs.repair_convert_won),
        ("new_phone_yuan", costs.new_phone_yuan),
    ] {
        if v < 0 {
            r.at(
                &[K("costs"), K(field)],
                format!("negative cost {field} = {v}: expected 0 or more"),
            );
        }
    }
    if costs.repair_inform_permille > 1000 || costs.exchange_spread_permille > 500 {
        r.at(
            &[K("costs")],
            "a per-mille chance or margin is out of range: expected 0..1000 (spread 0..500)".into(),
        );
    }
}

/// Places: names, map positions, local prices; home is a Home.
fn places(r: &mut Report, c: &Refs, lv: &Level) {
    c.place(r, &[K("home")], &lv.home);
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
            c.good(r, &[here[0], here[1], K("prices"), N(k)], g);
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
    if let Some(&h) = c.ids.places.get(lv.home.as_str())
        && lv.places[h].kind != PlaceKind::Home
    {
        r.at(
            &[K("home")],
            format!("home `{}` is not a place of kind Home", lv.home),
        );
    }
}

/// Routes, and every place reachable from home.
fn routes(r: &mut Report, c: &Refs, lv: &Level) {
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); lv.places.len()];
    for (n, rt) in lv.routes.iter().enumerate() {
        let here = [K("routes"), N(n)];
        c.place(r, &[here[0], here[1], K("from")], &rt.from);
        c.place(r, &[here[0], here[1], K("to")], &rt.to);
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
        if let (Some(&a), Some(&b)) = (
            c.ids.places.get(rt.from.as_str()),
            c.ids.places.get(rt.to.as_str()),
        ) {
            adj[a].push(b);
            adj[b].push(a);
        }
    }
    if let Some(&h) = c.ids.places.get(lv.home.as_str()) {
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
}

/// Goods and their dated price series.
fn goods(r: &mut Report, c: &Refs, lv: &Level) {
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
            c.source(r, &[pt[0], pt[1], pt[2], pt[3], K("source")], p.source);
            prev = Some(p.date);
        }
    }
}

/// The exchange-rate series: covering the level, without long gaps.
fn exchange(r: &mut Report, c: &Refs, lv: &Level) {
    let end = lv.start.plus_days(lv.days as i32 - 1);
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
        c.source(r, &[pt[0], pt[1], pt[2], K("source")], p.source);
        if k > 0 {
            let d = ex[k - 1].date;
            if p.date <= d {
                r.at(&[pt[0], pt[1], pt[2], K("date")], format!("date {} comes after {d} in the exchange series: expected dates in increasing order", p.date));
            } else if p.date.days_since(d) > lv.exchange.max_gap_days as i32 {
                r.at(&[pt[0], pt[1], pt[2], K("date")], format!("gap in the exchange series: {} days from {d} to {}, expected at most {} (max_gap_days)", p.date.days_since(d), p.date, lv.exchange.max_gap_days));
            }
        }
    }
}

/// Inspectors: search order, chances, bribes, places.
fn inspectors(r: &mut Report, c: &Refs, lv: &Level) {
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
            c.place(r, &[here[0], here[1], K("places"), N(k)], p);
        }
        c.fact(r, &[here[0], here[1], K("fact")], &s.fact);
    }
}

/// Campaigns: dates in order, known inspectors.
fn campaigns(r: &mut Report, c: &Refs, lv: &Level) {
    for (n, camp) in lv.campaigns.iter().enumerate() {
        let here = [K("campaigns"), N(n)];
        r.text(
            &[here[0], here[1], K("name")],
            &format!("campaign `{}`", camp.id),
            &camp.name,
        );
        if camp.to < camp.from {
            r.at(
                &[here[0], here[1], K("to")],
                format!(
                    "campaign `{}` ends on {} before it starts on {}: expected dates in order",
                    camp.id, camp.to, camp.from
                ),
            );
        }
        for (k, i) in camp.inspectors.iter().enumerate() {
            if !c.ids.inspectors.contains_key(i.as_str()) {
                r.at(
                    &[here[0], here[1], K("inspectors"), N(k)],
                    format!(
                        "unknown inspector `{i}`: expected one of {}",
                        list(&c.ids.inspectors)
                    ),
                );
            }
        }
        c.fact(r, &[here[0], here[1], K("fact")], &camp.fact);
    }
}

/// The starting phone's items.
fn phone(r: &mut Report, c: &Refs, lv: &Level) {
    for (n, it) in lv.phone.iter().enumerate() {
        c.item(r, &[K("phone"), N(n)], it);
        if let Some(k) = it.of
            && k as usize >= lv.family.members.len()
        {
            r.at(
                &[K("phone"), N(n), K("of")],
                format!(
                    "`{}` belongs to family member {k}: the family has {} (0 to {})",
                    it.id,
                    lv.family.members.len(),
                    lv.family.members.len().saturating_sub(1)
                ),
            );
        }
    }
}

/// Scripted messages: sender, day, tip, attachment.
fn messages(r: &mut Report, c: &Refs, lv: &Level) {
    let mut attach_ids = HashSet::new();
    for (n, m) in lv.messages.iter().enumerate() {
        let here = [K("messages"), N(n)];
        c.contact(r, &[here[0], here[1], K("from")], &m.from);
        c.fact(r, &[here[0], here[1], K("fact")], &m.fact);
        r.text(
            &[here[0], here[1], K("text")],
            &format!("message `{}`", m.id),
            &m.text,
        );
        if let Some(g) = &m.gentle {
            let what = format!("message `{}` (gentle)", m.id);
            r.text(&[here[0], here[1], K("gentle")], &what, g);
        }
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
            c.tip(r, &[here[0], here[1], K("tip")], t);
        }
        if let Some(a) = &m.ask {
            c.good(r, &[here[0], here[1], K("ask"), K("good")], &a.good);
            if a.kg == 0 || a.kg > 1000 {
                let at = [here[0], here[1], K("ask"), K("kg")];
                r.at(&at, format!("asks for {} kg: expected 1..1000", a.kg));
            }
            if a.pays_permille == 0 || a.pays_permille > 5000 {
                let at = [here[0], here[1], K("ask"), K("pays_permille")];
                r.at(&at, format!("pays {}‰: expected 1..5000", a.pays_permille));
            }
            let what = format!("message `{}` (ask)", m.id);
            r.text(&[here[0], here[1], K("ask"), K("met")], &what, &a.met);
            r.text(&[here[0], here[1], K("ask"), K("missed")], &what, &a.missed);
        }
        if let Some(a) = &m.attachment {
            c.item(r, &[here[0], here[1], K("attachment")], a);
            if c.ids.items.contains_key(a.id.as_str()) || !attach_ids.insert(a.id.as_str()) {
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
}

/// Information events: sender, day, the deal a forward brings.
fn info_events(r: &mut Report, c: &Refs, lv: &Level) {
    for (n, e) in lv.info_events.iter().enumerate() {
        let here = [K("info_events"), N(n)];
        c.contact(r, &[here[0], here[1], K("from")], &e.from);
        r.text(
            &[here[0], here[1], K("text")],
            &format!("information event `{}`", e.id),
            &e.text,
        );
        if let Some(g) = &e.gentle {
            let what = format!("information event `{}` (gentle)", e.id);
            r.text(&[here[0], here[1], K("gentle")], &what, g);
        }
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
            c.tip(r, &[here[0], here[1], K("forward_deal")], t);
        }
        c.fact(r, &[here[0], here[1], K("fact")], &e.fact);
    }
}

/// Endings' thresholds, the level's fact cards and simplifications.
fn endings(r: &mut Report, c: &Refs, lv: &Level) {
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
        if !c.cards.contains(f.as_str()) {
            r.at(
                &[K("facts"), N(n)],
                format!("unknown fact card `{f}`: expected an id from the facts catalog"),
            );
        }
    }
    for (n, s) in lv.simplifications.iter().enumerate() {
        r.text(&[K("simplifications"), N(n)], "a simplification", s);
    }
    for (n, q) in lv.check.iter().enumerate() {
        if !lv.facts.contains(&q.fact) {
            r.at(
                &[K("check"), N(n), K("fact")],
                format!(
                    "check question on `{}`: expected one of this level's `facts`",
                    q.fact
                ),
            );
        }
        r.text(&[K("check"), N(n), K("ask")], "a check question", &q.ask);
        if !(2..=4).contains(&q.options.len()) {
            r.at(
                &[K("check"), N(n), K("options")],
                format!("{} options: expected 2 to 4", q.options.len()),
            );
        }
        for (m, o) in q.options.iter().enumerate() {
            r.text(&[K("check"), N(n), K("options"), N(m)], "an option", o);
        }
        if q.right >= q.options.len() {
            r.at(
                &[K("check"), N(n), K("right")],
                format!(
                    "right {} is not one of the {} options (counted from 0)",
                    q.right,
                    q.options.len()
                ),
            );
        }
    }
}
