//! What happens in a level checked: inspectors, campaigns, the phone, messages, news and
//! endings.

use super::*;

/// Inspectors: search order, chances, bribes, places.
pub(super) fn inspectors(r: &mut Report, c: &Refs, lv: &Level) {
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
pub(super) fn campaigns(r: &mut Report, c: &Refs, lv: &Level) {
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
pub(super) fn phone(r: &mut Report, c: &Refs, lv: &Level) {
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
pub(super) fn messages(r: &mut Report, c: &Refs, lv: &Level) {
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
pub(super) fn info_events(r: &mut Report, c: &Refs, lv: &Level) {
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
pub(super) fn endings(r: &mut Report, c: &Refs, lv: &Level) {
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
}

/// The check's cards (`check`): the level's own, each carrying one question of each form,
/// from 4 to 8 of them, none dated after the level's third day (a morning brings them).
pub(super) fn check_cards(r: &mut Report, lv: &Level, cat: &FactCatalog) {
    if !lv.check.is_empty() && !(4..=8).contains(&lv.check.len()) {
        r.at(
            &[K("check")],
            format!(
                "{} check cards: expected 4 to 8 (each form asks one question per card)",
                lv.check.len()
            ),
        );
    }
    for (n, id) in lv.check.iter().enumerate() {
        let here = [K("check"), N(n)];
        if !lv.facts.contains(id) {
            r.at(
                &here,
                format!("check card `{id}`: expected one of this level's `facts`"),
            );
        }
        if lv.check[..n].contains(id) {
            r.at(&here, format!("check card `{id}` is listed twice"));
        }
        let Some(card) = cat.cards.iter().find(|c| &c.id == id) else {
            continue;
        };
        for form in [Form::A, Form::B] {
            if card.check.iter().filter(|q| q.form == form).count() != 1 {
                r.at(
                    &here,
                    format!(
                        "check card `{id}`: expected one question of form {form:?} in the facts catalog's `check`"
                    ),
                );
            }
        }
        if let Some(d) = card.date
            && d > lv.start.plus_days(2)
        {
            r.at(
                &here,
                format!(
                    "check card `{id}` is dated {d}, after the level's third day: a class would meet it only later"
                ),
            );
        }
    }
}
