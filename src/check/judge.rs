//! The judgement task of the check (issue 34, point 2): a few things on her phone, each
//! rated twice on a five-step scale — how much danger it is to her if a street team searches
//! the phone, and how much her business needs it. The game's own rules hold the answers a
//! trader would give: danger from the gravest thing an inspector finds in it (nothing 1,
//! a petty finding — a heart, "oppa", South Korean style — 2, a political or foreign one 3,
//! the leader's portrait 4, a case under the 2020 law 5; `Flag::severity`), need from how
//! much the business uses it (`business`, 0–10, in five steps). A student's score is how
//! well their ratings follow the trader's: the correlation of the two over the ratings the
//! student gave both before and after, from −1 (the opposite order) through 0 (no relation;
//! the same answer every time scores 0) to 1 (the trader's own order). A closeness score
//! was tried first and dropped: most of the rules' answers are 1 (most things are harmless,
//! most are not needed for trade), so answering 1 every time scored 72 %. Engine-free.

use super::{Question, Row};
use crate::i18n::Tr;
use crate::rules::{ItemKind, ItemSpec, Lang, Level};

/// The two questions asked of each thing.
pub const ASPECTS: [&str; 2] = ["danger", "need"];

/// The things rated, chosen by the level's own values so that they span the dilemma: the
/// gravest to keep, the most needed harmless one, a petty risk the business needs, the
/// dearest to the family (the birthday video with the portrait behind, in level 1), and a
/// harmless one the business uses now and then (those the level has, each once), in the
/// order of the level's phone.
pub fn items(lv: &Level) -> Vec<&ItemSpec> {
    let sev = |it: &ItemSpec| it.flags.iter().map(|f| f.severity()).max().unwrap_or(0);
    let phone: Vec<&ItemSpec> = lv
        .phone
        .iter()
        .filter(|it| it.kind != ItemKind::App)
        .collect();
    let mut picked: Vec<String> = Vec::new();
    let mut pick = |found: Option<&&ItemSpec>| {
        if let Some(it) = found
            && !picked.contains(&it.id)
        {
            picked.push(it.id.clone());
        }
    };
    // (max_by_key keeps the last of equals: reversed, the first in the level's order.)
    pick(
        phone
            .iter()
            .rev()
            .filter(|it| sev(it) > 0)
            .max_by_key(|it| (sev(it), it.business)),
    );
    pick(
        phone
            .iter()
            .rev()
            .filter(|it| sev(it) == 0)
            .max_by_key(|it| it.business),
    );
    pick(
        phone
            .iter()
            .rev()
            .filter(|it| sev(it) == 1)
            .max_by_key(|it| it.business),
    );
    pick(
        phone
            .iter()
            .rev()
            .max_by_key(|it| (it.sentimental, sev(it))),
    );
    pick(
        phone
            .iter()
            .rev()
            .filter(|it| sev(it) == 0 && it.kind != ItemKind::Contact)
            .min_by_key(|it| (it.business.abs_diff(5), it.sentimental)),
    );
    phone
        .into_iter()
        .filter(|it| picked.contains(&it.id))
        .collect()
}

/// The rules' answer for one thing and aspect, 1–5.
pub fn truth(it: &ItemSpec, aspect: &str) -> u8 {
    match aspect {
        "danger" => 1 + it.flags.iter().map(|f| f.severity()).max().unwrap_or(0),
        // 0–10 in five steps: 0–1 → 1, 2–3 → 2, 4–6 → 3, 7–8 → 4, 9–10 → 5.
        _ => 1 + ((f32::from(it.business.min(10)) * 0.4).round() as u8).min(4),
    }
}

/// The thing as the question names it ("the contact “Sun-ok ♥”").
fn named(it: &ItemSpec, lang: Lang, tr: &Tr) -> String {
    let kind = match it.kind {
        ItemKind::Contact => "contact",
        ItemKind::Thread => "thread",
        ItemKind::Photo => "photo",
        ItemKind::Video => "video",
        ItemKind::File | ItemKind::App => "file",
    };
    tr.fmt(
        lang,
        &format!("check.judge.kind.{kind}"),
        &[("name", it.name.get(lang).to_string())],
    )
}

/// The level's judgement questions: each thing's danger, then its need.
pub fn questions(lv: &Level, lang: Lang, tr: &Tr) -> Vec<Question> {
    let scale: Vec<String> = (1..=5)
        .map(|n| tr.get(lang, &format!("check.judge.scale.{n}")).to_string())
        .collect();
    items(lv)
        .into_iter()
        .flat_map(|it| {
            let thing = named(it, lang, tr);
            let scale = scale.clone();
            ASPECTS.iter().map(move |a| Question {
                id: format!("judge:{a}:{}", it.id),
                ask: tr.fmt(
                    lang,
                    &format!("check.judge.{a}"),
                    &[("thing", thing.clone())],
                ),
                options: scale.clone(),
                right: None,
                fact: None,
                truth: Some(truth(it, a)),
            })
        })
        .collect()
}

/// A judgement question's text from its id (a report in another language).
pub fn ask(id: &str, lv: &Level, lang: Lang, tr: &Tr) -> Option<String> {
    let rest = id.strip_prefix("judge:")?;
    let (aspect, item) = rest.split_once(':')?;
    let it = lv.phone.iter().find(|it| it.id == item)?;
    Some(tr.fmt(
        lang,
        &format!("check.judge.{aspect}"),
        &[("thing", named(it, lang, tr))],
    ))
}

/// How well one side's ratings follow the rules' answers over the judgement questions the
/// student answered on that side and on the one it is compared `with` (before with after,
/// before with later; a side alone: itself): their correlation, −1 to 1 (0 when every
/// rating was the same). None under three such ratings.
pub fn agreement(
    rows: &[Row],
    side: impl Fn(&Row) -> Option<u8>,
    with: impl Fn(&Row) -> Option<u8>,
) -> Option<f64> {
    let pairs: Vec<(f64, f64)> = rows
        .iter()
        .filter(|r| with(r).is_some())
        .filter_map(|r| Some((f64::from(side(r)?), f64::from(r.truth?))))
        .collect();
    if pairs.len() < 3 {
        return None;
    }
    let n = pairs.len() as f64;
    let (mx, my) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in &pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx).powi(2);
        syy += (y - my).powi(2);
    }
    Some(if sxx < 1e-12 || syy < 1e-12 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    })
}
