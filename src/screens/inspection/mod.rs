//! An inspection as a scene: who stopped her, what they ask, what they find (drawn on
//! the phone as they see it), her choices and what follows.

use super::shared::{Hint, News, Shared, View};
use super::*;
use crate::rules::Event;
use crate::rules::*;
use crate::ui::{self, phone::PhoneUi};
use bevy_egui::egui::{self, Key, RichText};

/// The bribe she is about to offer: ₩20,000 at each new stop (kept through one stop, never
/// carried into the next, where one press would hand over what was typed before).
#[derive(Resource, Clone, Copy, PartialEq)]
struct BribeForm {
    amount: i64,
    currency: Currency,
}

impl Default for BribeForm {
    fn default() -> Self {
        BribeForm {
            amount: 20_000,
            currency: Currency::Won,
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<BribeForm>()
        .add_systems(
            OnEnter(Screen::Inspection),
            |mut form: ResMut<BribeForm>| *form = BribeForm::default(),
        )
        .add_systems(
            EguiPrimaryContextPass,
            draw.in_set(Pass::Screen).run_if(on(Screen::Inspection)),
        );
}

/// The phone as the inspector holds it: open where their first find is.
fn held_phone(st: &GameState, now: &PhoneUi) -> Option<PhoneUi> {
    let insp = st.inspection.as_ref()?;
    let mut p = now.clone();
    if let Some(it) = insp.found_items.first().and_then(|id| st.item(*id)) {
        p.app = match it.kind {
            ItemKind::Contact => ui::phone::App::Contacts,
            ItemKind::Thread => ui::phone::App::Messages,
            ItemKind::Photo | ItemKind::Video if it.storage == Storage::Internal => {
                ui::phone::App::Gallery
            }
            _ => ui::phone::App::Files,
        };
        p.sd = it.storage == Storage::Sd;
        p.selected = Some(it.id);
    } else if !insp.found_shots.is_empty() {
        p.app = ui::phone::App::Trace;
    }
    Some(p)
}

fn draw(mut g: Shared, mut form: ResMut<BribeForm>) -> Result {
    let ctx = g.ctx()?;
    let mut root = ui::root(&ctx);
    egui::Panel::top("status").show(&mut root, |ui| g.status(ui));
    // During the search the phone is theirs: it shows what they found, no keys of hers.
    let in_progress = g
        .session
        .as_ref()
        .is_some_and(|s| s.state().inspection.is_some());
    let held = if in_progress {
        g.session
            .as_ref()
            .and_then(|s| held_phone(s.state(), g.phone()))
    } else {
        None
    };
    g.phone_panel(&mut root, false, held);
    let mut form_now = *form;
    let mut shown = (None, News::new());
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                shown = g.guided(ui, Some(Hint::Inspection), |g, ui| {
                    body(ui, &g.view(), &mut form_now)
                });
            });
    });
    form.set_if_neq(form_now);
    let (did, news) = shown;
    for (kind, text) in news {
        g.announce(kind, &text);
    }
    if did == Some(Do::LeaveInspection) {
        g.forget_news(&["stop", "found", "outcome"]);
    }
    if let Some(d) = did {
        g.send(d);
    }
    Ok(())
}

/// The stop: who stopped her and where (drawn), what they ask, what they found, her
/// choices, and how it ended. Returns her choice, and what a screen reader is told at once
/// (the stop, what they found, how it ended).
fn body(ui: &mut egui::Ui, g: &View, form: &mut BribeForm) -> (Option<Do>, News) {
    let lang = g.lang();
    let mut did = None;
    let mut news = News::new();
    let Some(s) = g.session else {
        return (did, news);
    };
    let st = &s.state();
    let lv = st.lv();
    let inspector = s.inspection_log().iter().find_map(|e| match e {
        Event::Stopped { inspector, .. } => Some(*inspector),
        _ => None,
    });
    let Some(k) = inspector.or(st.inspection.as_ref().map(|i| i.inspector)) else {
        return (did, news);
    };
    let spec = &lv.inspectors[k as usize];
    let kind = match spec.kind {
        InspectorKind::JointCommand82 => "kind.joint",
        InspectorKind::YouthLeague => "kind.youth",
        InspectorKind::StateSecurity => "kind.security",
    };
    title(g, ui, &spec.name.get(lang).to_string(), &g.t(kind));
    // Whether she had a phone when they stopped her (this stop may have taken it).
    let had_phone = st.phone.present
        || s.inspection_log()
            .iter()
            .any(|e| matches!(e, Event::ItemsConfiscated { .. }));
    // Her keys for the offer, before the answers on the picture read it.
    if st.inspection.is_some() {
        offer_keys(ui, st, form);
    }
    // The stop, seen: who stopped her, his words in a bubble, her phone in their hand once
    // they have it; her answers laid on the picture's foot where the page is wide (issue 35:
    // the choices on the scene, not a form under it). Across the page, as tall as the room
    // its choices leave; where the guide's note is laid on it, the two stand to its left.
    let on_picture = ui.available_width() >= ANSWERS_ON_PICTURE;
    let (pic, room) = ui::room::picture(ui, "stop", (170.0, 400.0), 0.46, f32::INFINITY);
    // (The band's height as last measured; about a row of keys before it was.)
    let banded = st.inspection.is_some() && on_picture;
    let foot = if banded {
        room.kept_foot().unwrap_or(44.0)
    } else {
        0.0
    };
    let rect = pic.rect;
    let place = st.lv().places[st.place as usize].name.get(lang).to_string();
    crate::access::describe(
        &pic,
        &g.tf("pic.stop", &[("who", g.t(kind)), ("place", place)]),
    );
    let stop = ui::art::Stop::at(st, s.inspection_log(), had_phone, spec.kind);
    let aside = if ui::room::Room::noted(ui) {
        rect.width() * 0.53
    } else {
        0.0
    };
    let stage = egui::Rect::from_min_max(
        rect.min,
        egui::pos2(rect.right() - aside, rect.bottom() - foot),
    );
    let speech = ui::art::stop_scene_on(&ui.painter_at(rect), rect, stage, stop);
    let demand = if had_phone {
        "insp.demand"
    } else {
        "insp.demand_nophone"
    };
    // His words as the stop stands: the demand; once searched, what they found or that they
    // found nothing; once it is over, how it ended (the climax was a list under a picture
    // that did not change).
    let says = match &st.inspection {
        Some(i) => match (i.stage, had_phone) {
            (Stage::Searched, _) if at_stake(st).is_some() => "insp.say.found",
            (Stage::Searched, _) => "insp.say.clean",
            (_, true) => "insp.demand",
            (_, false) => "insp.say.nophone",
        },
        None => verdict(s.inspection_log()),
    };
    said(ui, rect, speech, &g.t(says));
    if !had_phone && st.inspection.is_some() {
        ui.label(RichText::new(g.t(demand)).color(ui::dim(ui)));
    }
    news.push((
        "stop",
        format!(
            "{} — {}. {}",
            g.t("insp.heading"),
            spec.name.get(lang),
            g.t(demand)
        ),
    ));
    if let Some(insp) = &st.inspection {
        if let Some(a) = under_picture(g, ui, st, insp, form, on_picture, &mut news) {
            did = Some(Do::Act(a));
        }
    } else {
        ui.add_space(4.0);
        ui::subheading(ui, &g.t("insp.outcome"));
    }
    ui.add_space(6.0);
    let mut told = Vec::new();
    for e in s.inspection_log() {
        if let Some(line) = describe(g, st, e, had_phone) {
            ui.label(&line);
            told.push(line);
        }
    }
    if st.inspection.is_none() {
        news.push(("outcome", told.join(" ")));
        ui.add_space(10.0);
        if ui::key_button(ui, Key::Enter, &g.t("insp.continue")) {
            did = Some(Do::LeaveInspection);
        }
    }
    room.end(ui);
    // Her answers on the picture's foot, on a dark band across it (drawn last: over it); no
    // band, no foot (a foot kept from the stop's last stage narrowed the note's place).
    let mut band = 0.0;
    if let (Some(insp), true) = (&st.inspection, banded) {
        let at = rect.with_min_y(rect.bottom() - foot);
        let (h, chosen) = offer::on_picture(g, ui, st, insp, form, at);
        band = h;
        if let Some(a) = chosen {
            did = Some(Do::Act(a));
        }
    }
    room.foot(ui, band);
    (did, news)
}

/// Under the stop's picture while it lasts: her answers where the page is narrow, what
/// accepting brings and what they found once they have searched, what they expect, her offer.
fn under_picture(
    g: &View,
    ui: &mut egui::Ui,
    st: &GameState,
    insp: &Inspection,
    form: &mut BribeForm,
    on_picture: bool,
    news: &mut News,
) -> Option<Action> {
    let mut act = None;
    if !on_picture {
        act = answers(g, ui, st, insp, form);
    }
    ui.add_space(4.0);
    if insp.stage == Stage::Searched {
        stake(g, ui, st);
        news.push(("found", found(g, ui, st, insp)));
    }
    if insp.during_campaign {
        ui.label(RichText::new(g.t("insp.campaign")).color(ui::dim(ui)));
    } else if insp.stage == Stage::Stopped {
        // What they expect, roughly (to the nearest 10,000 won): more than a
        // clean phone costs after the search.
        let about = (crate::rules::bribe_needed(st) + 9_999) / 10_000 * 10_000;
        ui.label(
            RichText::new(g.tf("insp.before_search", &[("money", crate::rules::won(about))]))
                .color(ui::dim(ui)),
        );
    }
    offer_form(g, ui, st, insp, form);
    act
}

/// The stop's heading: who stopped her, and what they are (not where the level names them
/// as their kind is called: said twice); beside it where the page is wide, under it where it
/// is narrow.
fn title(g: &View, ui: &mut egui::Ui, name: &str, kind: &str) {
    let also = (kind != name).then_some(kind);
    let wide = ui.available_width() >= ANSWERS_ON_PICTURE;
    ui.horizontal_wrapped(|ui| {
        ui::heading(ui, &format!("{} — {name}", g.t("insp.heading")));
        if let Some(also) = also.filter(|_| wide) {
            ui.label(RichText::new(also).color(ui::dim(ui)));
        }
    });
    if let Some(also) = also.filter(|_| !wide) {
        ui.label(RichText::new(also).color(ui::dim(ui)));
    }
}

/// The least width of a page on which her answers are laid on the stop's picture.
const ANSWERS_ON_PICTURE: f32 = 640.0;

/// His words in a bubble between the two heads (without their quotation marks: the bubble
/// says they are spoken, and straight marks stood apart from the slanted words).
fn said(ui: &egui::Ui, rect: egui::Rect, speech: ui::art::Speech, words: &str) {
    let words = words.trim().trim_matches(|c| matches!(c, '"' | '“' | '”'));
    let mut job = egui::text::LayoutJob::single_section(
        words.to_string(),
        egui::TextFormat {
            font_id: egui::FontId::proportional(ui::H2),
            color: egui::Color32::from_rgb(30, 28, 26),
            italics: true,
            ..Default::default()
        },
    );
    job.wrap.max_width = (speech.room.width() - 24.0).max(120.0);
    let galley = ui.painter().layout_job(job);
    ui::art::speech_bubble(&ui.painter_at(rect), speech, galley);
}

/// His last words once the stop is over, by how it ended: let go, a warning, the phone
/// taken, a fine, or her taken with them.
fn verdict(log: &[Event]) -> &'static str {
    let last = log.iter().rev().find_map(|e| match e {
        Event::Consequence(c) => Some(*c),
        _ => None,
    });
    match last {
        None => "insp.say.go",
        Some(Consequence::Warning | Consequence::ForcedDeletion) => "insp.say.warn",
        Some(Consequence::Confiscation) => "insp.say.take",
        Some(Consequence::Fine) => "insp.say.fine",
        Some(Consequence::CriticismSession | Consequence::Arrest) => "insp.say.come",
    }
}

/// What accepting now would bring, in red, once they have searched.
fn stake(g: &View, ui: &mut egui::Ui, st: &GameState) {
    let stake = match at_stake(st) {
        Some(c) => g.tf(
            "insp.at_stake",
            &[("what", g.t(crate::report::consequence_key(c)))],
        ),
        None => g.t("insp.at_stake_none"),
    };
    ui.label(RichText::new(stake).color(ui::red(ui)));
}

/// What they found, as a list beside the phone; returns it as one line to announce.
fn found(g: &View, ui: &mut egui::Ui, st: &GameState, insp: &Inspection) -> String {
    let lang = g.lang();
    ui::subheading(ui, &g.t("insp.found"));
    let mut lines = Vec::new();
    for id in &insp.found_items {
        if let Some(it) = st.item(*id) {
            // Where on the phone: a contact and a text can carry the same name.
            let place = match it.kind {
                ItemKind::Contact => "phone.contacts",
                ItemKind::Thread => "phone.messages",
                ItemKind::Photo | ItemKind::Video => "phone.gallery",
                _ => "phone.files",
            };
            lines.push(format!("{} · {}", st.item_name(it).get(lang), g.t(place)));
        }
    }
    if !insp.found_shots.is_empty() {
        // What the log shows, even of what she has deleted since: the first few pictures.
        const SHOWN: usize = 4;
        for &k in insp.found_shots.iter().take(SHOWN) {
            if let Some(sh) = st.phone.trace.get(k as usize) {
                let what = match st.item(sh.item) {
                    Some(it) => st.item_name(it).get(lang).to_string(),
                    None => st.world.specs[sh.spec as usize].name.get(lang).to_string(),
                };
                lines.push(g.tf(
                    "insp.shot",
                    &[
                        ("day", (sh.day + 1).to_string()),
                        ("time", crate::report::clock(sh.minute)),
                        ("what", what),
                    ],
                ));
            }
        }
        if insp.found_shots.len() > SHOWN {
            let more = insp.found_shots.len() - SHOWN;
            lines.push(g.tf("insp.shots_more", &[("n", more.to_string())]));
        }
    }
    // Each find carries the mark ⚠ as well as the red: nothing is told by colour alone.
    // Side by side, wrapping (one under another, ten finds pushed the picture to its least).
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = egui::vec2(18.0, 4.0);
        for l in &lines {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("⚠ {l}"))
                        .color(ui::red(ui))
                        .size(ui::BODY + 1.0),
                )
                .extend(),
            );
        }
    });
    if lines.is_empty() {
        ui.label(g.t("insp.found_nothing"));
        return format!("{}: {}", g.t("insp.found"), g.t("insp.found_nothing"));
    }
    format!("{}: {}", g.t("insp.found"), lines.join("; "))
}

fn describe(g: &View, st: &GameState, e: &Event, had_phone: bool) -> Option<String> {
    let lang = g.lang();
    Some(match e {
        Event::Stopped { place, .. } => g.tf(
            "insp.ev.stopped",
            &[(
                "place",
                st.lv().places[*place as usize].name.get(lang).to_string(),
            )],
        ),
        Event::Searched { .. } if !had_phone => g.t("insp.ev.searched_nophone"),
        Event::Searched { items, shots, .. } => g.tf(
            "insp.ev.searched",
            &[
                ("items", items.len().to_string()),
                ("shots", shots.len().to_string()),
            ],
        ),
        Event::HiddenSdFound => g.t("insp.ev.sd_found"),
        Event::PasswordCracked => g.t("insp.ev.cracked"),
        Event::Excuse {
            accepted: true,
            searched: false,
        } => g.t("insp.ev.excuse_ok"),
        Event::Excuse {
            accepted: true,
            searched: true,
        } => g.t("insp.ev.excuse_softened"),
        Event::Excuse {
            accepted: false, ..
        } => g.t("insp.ev.excuse_no"),
        Event::BribeAccepted { currency, amount } => {
            g.tf("insp.ev.took", &[("money", money(*currency, *amount))])
        }
        Event::BribeRefused { currency, amount } => {
            g.tf("insp.ev.refused", &[("money", money(*currency, *amount))])
        }
        Event::BribeDemanded { won: w } => g.tf("insp.ev.demand", &[("money", won(*w))]),
        Event::Released => g.t("insp.ev.released"),
        Event::Consequence(c) => consequence(g, *c),
        Event::ItemsConfiscated { count } => g.tf("insp.ev.taken", &[("n", count.to_string())]),
        Event::FinePaid { won: w } => g.tf("insp.ev.fine", &[("money", won(*w))]),
        Event::CriticismSession { days } => {
            g.tf("insp.ev.criticism", &[("days", days.to_string())])
        }
        _ => return None,
    })
}

/// A step of the consequence ladder, named (gentle) or also described (full intensity).
fn consequence(g: &View, c: Consequence) -> String {
    let key = crate::report::consequence_key(c);
    match g.gentle() {
        true => g.t(key),
        false => format!("{} {}", g.t(key), g.t(&format!("{key}.full"))),
    }
}

mod offer;
use offer::{answers, offer_form, offer_keys};
#[cfg(test)]
mod tests;
