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
            |mut form: ResMut<BribeForm>, mut ctxs: bevy_egui::EguiContexts| {
                *form = BribeForm::default();
                // A new stop measures its own picture.
                if let Ok(ctx) = ctxs.ctx_mut() {
                    ui::room::forget(ctx, "stop");
                }
            },
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
    if insp.stage == Stage::Searched {
        // Once searched, what they found, listed (as the phone he holds up in the picture).
        p.app = ui::phone::App::Found;
        p.selected = None;
    } else if let Some(it) = insp.found_items.first().and_then(|id| st.item(*id)) {
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
    // On a page large enough, the street is the page (issue 35: "put the scene first"): its
    // ground under everything from here down (the guide's note, if any, above), the picture
    // edge to edge, the heading on a strip of paper over it and the lines under it on a sheet.
    let name = spec.name.get(lang).to_string();
    let page = staged_title(g, ui, st, &name, &g.t(kind));
    // Whether she had a phone when they stopped her (this stop may have taken it).
    let had_phone = st.phone.present
        || s.inspection_log()
            .iter()
            .any(|e| matches!(e, Event::ItemsConfiscated { .. }));
    // Her keys for the offer, before the answers on the picture read it.
    if st.inspection.is_some() {
        offer_keys(ui, st, form);
    }
    // The stop, seen, across the page: who stopped her, close, his words in a bubble, her
    // phone in their hand once they have it; where the page is wide her answers beside her
    // on the picture's right, as what she can say or do (issue 35: the choices in the scene,
    // not a strip of buttons over the two), and once it is over, how it ended written there.
    // As tall as the room the lines under it leave at the stop's longest stage: one picture
    // from the stop's first moment to its end.
    let on_picture = ui.available_width() >= ANSWERS_ON_PICTURE;
    let (pic, room) = ui::room::picture(ui, "stop", (170.0, 470.0), 0.52, f32::INFINITY);
    let rect = pic.rect;
    let place = st.lv().places[st.place as usize].name.get(lang).to_string();
    crate::access::describe(
        &pic,
        &g.tf("pic.stop", &[("who", g.t(kind)), ("place", place)]),
    );
    let stop = ui::art::Stop::at(st, s.inspection_log(), had_phone, spec.kind);
    let side = on_picture.then(|| side_of(rect));
    let stage = match side {
        Some(side) => rect.with_max_x(side.left() - 8.0),
        None => rect,
    };
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
    // (The sky above their heads as tall as his words need: at twice the text size his
    // bubble came down over the phone he held up.)
    let words = g.t(says);
    let need = words_galley(ui, &words, stage.width() * 0.5).size().y + 16.0;
    let speech = scene(ui, page, (rect, stage), stop, need);
    said(ui, rect, speech, &words);
    // The lines under the picture: on a sheet lying on the street where it is the page.
    let mut lines = |ui: &mut egui::Ui| {
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
        } else if side.is_none() {
            ui.add_space(4.0);
            ui::subheading(ui, &g.t("insp.outcome"));
        }
        ui.add_space(6.0);
        let told: Vec<String> = s
            .inspection_log()
            .iter()
            .filter_map(|e| describe(g, st, e, had_phone))
            .collect();
        // (Once it is over, on a wide page, written on the picture beside her.)
        let slip = side.filter(|_| st.inspection.is_none());
        if slip.is_none() {
            for line in &told {
                ui.label(line);
            }
        }
        if st.inspection.is_none() {
            news.push(("outcome", told.join(" ")));
            ui.add_space(10.0);
            if ui::key_button(ui, Key::Enter, &g.t("insp.continue")) {
                did = Some(Do::LeaveInspection);
            }
        }
        told
    };
    let told = match page {
        Some(_) => ui::stage::on_sheet(ui, &mut lines),
        None => lines(ui),
    };
    room.end_steady(ui, STEADY_BELOW);
    if let Some(side) = side {
        match &st.inspection {
            Some(insp) => {
                if let Some(a) = offer::beside(g, ui, st, insp, form, side) {
                    did = Some(Do::Act(a));
                }
            }
            None => record(g, ui, side, &told),
        }
    }
    (did, news)
}

/// The stop's heading; where the street is the page (`ui::stage`), the place's ground laid
/// under the page from here down (the guide's note, if any, above) and the heading on a strip
/// of paper. Returns the page, if so.
fn staged_title(
    g: &View,
    ui: &mut egui::Ui,
    st: &GameState,
    name: &str,
    kind: &str,
) -> Option<egui::Rect> {
    let page = ui::stage::page(ui).map(|p| p.with_min_y(ui.cursor().top() - 8.0));
    match page {
        Some(page) => {
            let light = ui::art::Light::at(st.minute);
            ui::stage::painter(ui, page).rect_filled(page, 0.0, ui::art::ground(light));
            ui::stage::on_sheet(ui, |ui| title(g, ui, name, kind));
        }
        None => title(g, ui, name, kind),
    }
    page
}

/// The stop drawn in `rect` (the two in `stage`), to the page's sides where it is staged.
fn scene(
    ui: &egui::Ui,
    page: Option<egui::Rect>,
    (rect, stage): (egui::Rect, egui::Rect),
    stop: ui::art::Stop,
    need: f32,
) -> ui::art::Speech {
    match page {
        Some(page) => {
            let wide = rect.with_min_x(page.left()).with_max_x(page.right());
            let stage = stage.with_min_x(page.left());
            ui::art::stop_scene_on(&ui::stage::painter(ui, page), wide, stage, stop, need)
        }
        None => ui::art::stop_scene_on(&ui.painter_at(rect), rect, stage, stop, need),
    }
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
        act = answers(g, ui, st, insp, form, false);
    }
    ui.add_space(4.0);
    if insp.stage == Stage::Searched {
        stake(g, ui, st);
        news.push(("found", found(g, ui, st, !on_picture)));
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

/// The least room kept under the stop's picture (its lines and the offer), so that the
/// picture is as tall at the stop's first moment as at its longest.
const STEADY_BELOW: f32 = 180.0;

/// The picture's right side, where her answers (and once it is over, how it ended) go.
fn side_of(rect: egui::Rect) -> egui::Rect {
    let w = (rect.width() * 0.36).clamp(250.0, 340.0);
    egui::Rect::from_min_max(
        egui::pos2(rect.right() - w - 10.0, rect.top() + 10.0),
        rect.max - egui::vec2(10.0, 10.0),
    )
}

/// How the stop ended, written on a slip of paper laid on the picture's side: the heading and
/// each thing that happened.
fn record(g: &View, ui: &mut egui::Ui, side: egui::Rect, told: &[String]) {
    let mut on = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(side)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    let paper = egui::Color32::from_rgb(248, 244, 232);
    let ink = egui::Color32::from_rgb(40, 36, 32);
    egui::Frame::new()
        .fill(paper)
        .stroke(egui::Stroke::new(
            1.0,
            egui::Color32::from_rgb(170, 160, 140),
        ))
        .shadow(ui::paper_shadow([3, 4], 10, 70))
        .inner_margin(egui::Margin::symmetric(14, 12))
        .show(&mut on, |ui| {
            ui.set_width(ui.available_width());
            ui.visuals_mut().override_text_color = Some(ink);
            ui::subheading(ui, &g.t("insp.outcome"));
            ui.add_space(2.0);
            for line in told {
                ui.label(line);
                ui.add_space(2.0);
            }
        });
}

/// The least width of a page on which her answers are laid on the stop's picture.
const ANSWERS_ON_PICTURE: f32 = 640.0;

/// His words in a bubble between the two heads (without their quotation marks: the bubble
/// says they are spoken, and straight marks stood apart from the slanted words).
fn said(ui: &egui::Ui, rect: egui::Rect, speech: ui::art::Speech, words: &str) {
    let galley = words_galley(ui, words, speech.room.width());
    ui::art::speech_bubble(&ui.painter_at(rect), speech, galley);
}

/// His `words` laid out for a bubble in a room `room` wide.
fn words_galley(ui: &egui::Ui, words: &str, room: f32) -> std::sync::Arc<egui::Galley> {
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
    job.wrap.max_width = (room - 24.0).max(120.0);
    ui.painter().layout_job(job)
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

/// What they found, as one line to announce (the held phone lists them, as the picture shows
/// it held up to her); on a narrow page, where the phone is far below, also under the picture.
fn found(g: &View, ui: &mut egui::Ui, st: &GameState, listed: bool) -> String {
    let lines = ui::phone::found_lines(st, g.tr, g.lang());
    if listed {
        ui::subheading(ui, &g.t("insp.found"));
        // Each find carries the mark ⚠ as well as the red: nothing is told by colour alone.
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = egui::vec2(18.0, 4.0);
            for l in &lines {
                ui.add(
                    egui::Label::new(RichText::new(format!("⚠ {l}")).color(ui::red(ui))).extend(),
                );
            }
        });
        if lines.is_empty() {
            ui.label(g.t("insp.found_nothing"));
        }
    }
    if lines.is_empty() {
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
