//! The level's world checked: its header, the family and the household, costs, places,
//! routes, goods and money.

use super::*;

/// Title, summary, days, the phone's screenshot rule.
pub(super) fn header(r: &mut Report, _: &Refs, lv: &Level) {
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
pub(super) fn family(r: &mut Report, c: &Refs, lv: &Level) {
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
pub(super) fn household(r: &mut Report, _: &Refs, lv: &Level) {
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
pub(super) fn costs(r: &mut Report, _: &Refs, lv: &Level) {
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
pub(super) fn places(r: &mut Report, c: &Refs, lv: &Level) {
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
pub(super) fn routes(r: &mut Report, c: &Refs, lv: &Level) {
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
pub(super) fn goods(r: &mut Report, c: &Refs, lv: &Level) {
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
pub(super) fn exchange(r: &mut Report, c: &Refs, lv: &Level) {
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
