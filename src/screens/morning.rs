//! The morning at home: what the family needs, what arrived overnight, out the door or back
//! to an earlier day. The game is saved as each morning begins.

use super::shared::{Hint, Shared, Typewriter, View};
use super::*;
use crate::rules::Event;

use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Morning), autosave)
        .add_systems(
            EguiPrimaryContextPass,
            draw.in_set(Pass::Screen).run_if(on(Screen::Morning)),
        );
}

/// Autosave at the start of each day. A failure is told to the player (and the game goes
/// on); the next successful save clears the message.
fn autosave(session: Option<Res<crate::session::Session>>, mut message: ResMut<Note>) {
    let Some(s) = session else { return };
    match save_failed(crate::platform::write(&s.save())) {
        Some(m) => message.set_if_neq(Note(Some(m))),
        None if message.0.as_deref().is_some_and(is_save_failure) => message.set_if_neq(Note(None)),
        None => false,
    };
}

const FAILED: &str = "Could not save: ";

/// The message line for a save that could not be written.
pub(super) fn save_failed(written: Result<(), String>) -> Option<String> {
    written.err().map(|e| format!("{FAILED}{e}"))
}

/// Whether the message line is about a failed save (cleared when a save works again).
pub(super) fn is_save_failure(m: &str) -> bool {
    m.starts_with(FAILED)
}

fn draw(mut g: Shared) -> Result {
    let ctx = g.ctx()?;
    g.day_frame(&ctx, true, true, Some(Hint::Morning), |g, ui| {
        let (view, mut typewriter) = g.view_and_reveal();
        body(ui, &view, &mut typewriter)
    });
    Ok(())
}

/// The morning: what the family needs and how it woke, the messages of the night (revealed
/// as typed), Enter to the street, and Shift with a day's number to play that day again.
fn body(ui: &mut egui::Ui, g: &View, typewriter: &mut Typewriter) -> Vec<Do> {
    let Some(session) = g.session else {
        return Vec::new();
    };
    let s: &crate::session::Session = session;
    if let Some(page) = ui::stage::page(ui) {
        return staged(ui, g, s, typewriter, page);
    }
    // The home this morning first where the page is wide, as tall as the room the words leave
    // it (issue 35: the family was pushed under a wall of text); on a narrow page (twice the
    // text size) after the words, in the room left (first, it pushed the day's messages and
    // the way out below the window).
    let wide = ui.available_width() >= WIDE;
    let room = wide.then(|| {
        let (pic, room) = ui::room::picture(ui, "morning", (120.0, 330.0), 0.38, f32::INFINITY);
        crate::access::describe(&pic, &g.t("pic.morning"));
        morning_picture(&ui.painter_at(pic.rect), pic.rect, pic.rect.bottom(), s);
        ui.add_space(6.0);
        room
    });
    let did = words(ui, g, s, typewriter, false);
    match room {
        Some(room) => room.end(ui),
        None => {
            let rest = ui.available_rect_before_wrap();
            if rest.height() >= 130.0 {
                ui.add_space(16.0);
                let h = (rest.height() - 24.0).min(220.0);
                let w = ui.available_width().min(h * 3.3);
                let (_, pic) = ui.allocate_exact_size(egui::vec2(w, h), egui::Sense::hover());
                crate::access::describe(&pic, &g.t("pic.morning"));
                morning_picture(&ui.painter_at(pic.rect), pic.rect, pic.rect.bottom(), s);
            }
        }
    }
    did
}

/// The morning as a scene (issue 35: "put the scene first"): the room across the page's
/// top, her at the door and the family at the table; the morning's words on a sheet lying
/// on the floor in front of them, the guide's note beside it.
fn staged(
    ui: &mut egui::Ui,
    g: &View,
    s: &crate::session::Session,
    typewriter: &mut Typewriter,
    page: egui::Rect,
) -> Vec<Do> {
    let scene = ui::stage::scene(page, 0.56);
    let painter = ui::stage::painter(ui, page);
    ui::art::home_ground(&painter, page, scene.top() + scene.height() * 0.78, None);
    ui::stage::described(ui, scene, "the morning's room", &g.t("pic.morning"));
    morning_picture(&painter, scene, page.bottom(), s);
    let under = ui::stage::under(page, scene);
    let guided = g.guide_due(Hint::Morning);
    let split = under.left() + under.width() * if guided { 0.5 } else { 0.7 };
    let mut did = ui::stage::sheet(ui, under.with_max_x(split), |ui| {
        words(ui, g, s, typewriter, true)
    });
    if guided {
        let at = egui::Rect::from_min_max(egui::pos2(split + 20.0, under.top() + 12.0), under.max);
        let mut note = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(at)
                .layout(egui::Layout::top_down(egui::Align::Min)),
        );
        did.extend(g.guide(&mut note, Hint::Morning));
    }
    ui::stage::take_page(ui);
    did
}

/// The morning's words: what the family needs and how it woke, the night's messages, the
/// way out, and the days to play again.
fn words(
    ui: &mut egui::Ui,
    g: &View,
    s: &crate::session::Session,
    typewriter: &mut Typewriter,
    staged: bool,
) -> Vec<Do> {
    let lang = g.lang();
    let session = s;
    let st = &s.state();
    let lv = st.lv();
    ui::heading(ui, &g.t("morning.heading"));
    ui.label(g.tf(
        "morning.needs",
        &[("kg", lv.family.grain_kg_per_day.to_string())],
    ));
    household(g, ui, s, !staged);
    ui.add_space(8.0);
    ui::subheading(ui, &g.t("morning.messages"));
    let lines: Vec<String> = s
        .morning()
        .iter()
        .filter_map(|e| match e {
            Event::MessageArrived { item, .. } | Event::InfoArrived { item, .. } => {
                st.item(*item).map(|it| {
                    let spec = &st.world.specs[it.spec as usize];
                    format!(
                        "✉ {}: {}",
                        st.item_name(it).get(lang),
                        spec.body_for(g.gentle()).get(lang)
                    )
                })
            }
            Event::AutoDeleted { .. } => Some(format!("🗑 {}", g.t("did.autodeleted"))),
            Event::AskAnswered { message, met, won } => {
                let ask = lv.messages[*message as usize].ask.as_ref()?;
                Some(if *met {
                    format!("• {} (+{})", ask.met.get(lang), crate::rules::won(*won))
                } else {
                    format!("• {}", ask.missed.get(lang))
                })
            }
            Event::RequestArrived { request } => {
                let q = &lv.household.requests[*request as usize];
                let who = lv.family.members[q.who as usize].name.get(lang).to_string();
                // Met already (paid at once, from the evening table): said so.
                let done = if session.state().home.met.contains(request) {
                    format!(" — {}", g.t("morning.ask_met"))
                } else {
                    String::new()
                };
                Some(format!(
                    "• {}{done}",
                    g.tf(
                        "morning.ask",
                        &[
                            ("who", who),
                            ("what", q.what.get(lang).to_string()),
                            ("money", crate::rules::won(q.won)),
                        ],
                    )
                ))
            }
            _ => None,
        })
        .collect();
    let days_started = s.day_starts().len();
    if lines.is_empty() {
        ui.label(RichText::new(g.t("morning.none")).color(ui::dim(ui)));
    } else {
        let text = lines.join("\n");
        let shown = typewriter.text(ui.ctx(), &text);
        // The words still to come laid out unseen, so that the list is as tall from its first
        // word (the picture above takes the room it leaves). A screen reader has the whole
        // list at once, not the words shown so far.
        let r = ui.label(unseen_rest(ui, &text, &shown));
        crate::access::name(&r, egui::WidgetType::Label, &text);
    }
    ui.add_space(14.0);
    let mut did =
        ui::key_button(ui, Key::Enter, &g.t("morning.go")).then_some(Do::Go(Screen::Street));
    if days_started > 1 {
        ui.add_space(14.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(g.t("morning.restart")).color(ui::dim(ui)));
            // Shift + the day's number restarts it.
            for d in 0..days_started - 1 {
                let key = ui::digit((d + 1) % 10);
                let label = format!("[Shift+{}] {}", (d + 1) % 10, g.tr.day(g.lang(), d + 1));
                let shift = ui.input(|i| i.modifiers.shift && i.key_pressed(key));
                if ui.small_button(label).clicked() || (shift && d < 9) {
                    did = Some(Do::Restart(d));
                }
            }
        });
    }
    did.into_iter().collect()
}

/// `text` with the part after `shown` in no colour (laid out, not seen).
fn unseen_rest(ui: &egui::Ui, text: &str, shown: &str) -> egui::text::LayoutJob {
    let font = egui::FontId::proportional(ui::BODY + 1.0);
    let colour = ui.visuals().text_color();
    let mut job = egui::text::LayoutJob::default();
    let cut = if text.starts_with(shown) {
        shown.len()
    } else {
        text.len()
    };
    for (part, colour) in [
        (&text[..cut], colour),
        (&text[cut..], egui::Color32::TRANSPARENT),
    ] {
        job.append(
            part,
            0.0,
            egui::TextFormat {
                font_id: font.clone(),
                color: colour,
                ..Default::default()
            },
        );
    }
    job.wrap.max_width = ui.available_width();
    job
}

/// The least page width on which the morning's picture comes first.
const WIDE: f32 = 640.0;

/// The home this morning (issue 35: a scene, not only words), drawn in `rect`: the family as
/// last night left them, her at the door about to go out.
fn morning_picture(
    painter: &egui::Painter,
    rect: egui::Rect,
    floor_foot: f32,
    s: &crate::session::Session,
) {
    let st = &s.state();
    let lv = st.lv();
    let n = lv.family.members.len();
    let last = st.ledgers.last();
    let meal = last.map_or(crate::rules::Meal::Fed, |l| l.meal);
    // (Ill last night, medicine bought or not: in bed this morning.)
    let sick = last.is_some_and(|l| l.sick) || s.child_fell_ill();
    let mood = ui::art::Mood::after(meal);
    let mut people = vec![(ui::art::TRADER, mood)];
    for (k, m) in lv.family.members.iter().enumerate() {
        let sick_one = k + 1 == n && n > 1 && sick;
        people.push((m.face, if sick_one { ui::art::Mood::Sick } else { mood }));
    }
    ui::art::morning_room_to(painter, rect, floor_foot, &people);
}

/// How the family woke, when it shows (issue 29): the youngest ill and home from school,
/// better after last night's medicine, or one thin evening away from falling ill. Their
/// faces say it before the words do.
fn household(g: &View, ui: &mut egui::Ui, s: &crate::session::Session, faces: bool) {
    let st = &s.state();
    let lv = st.lv();
    let Some(youngest) = lv.family.members.last() else {
        return;
    };
    let Some(last) = st.ledgers.last() else {
        return;
    };
    let who = youngest.name.get(g.lang()).to_string();
    let fell_ill = s.child_fell_ill();
    let better = s
        .evening_notes()
        .iter()
        .any(|e| matches!(e, Event::ChildBetter));
    let line = if last.sick {
        g.tf("morning.sick", &[("who", who)])
    } else if fell_ill && better {
        g.tf(
            "morning.better",
            &[
                ("who", who),
                ("money", crate::rules::won(lv.household.medicine_won)),
            ],
        )
    } else if last.meal != crate::rules::Meal::Fed && st.home.hunger + 2 >= lv.household.sick_at {
        g.tf("morning.warn", &[("who", who)])
    } else {
        return;
    };
    let n = lv.family.members.len();
    ui.add_space(6.0);
    // (Where the room is the page, the family is seen in it: no faces on the sheet.)
    ui.horizontal_top(|ui| {
        if !faces {
            return;
        }
        for (k, m) in lv.family.members.iter().enumerate() {
            let mood = if k + 1 == n && (last.sick || fell_ill) {
                ui::art::Mood::Sick
            } else if last.meal != crate::rules::Meal::Fed {
                ui::art::Mood::Hungry
            } else {
                ui::art::Mood::Well
            };
            ui.vertical(|ui| {
                ui.set_width(96.0);
                let (r, pic) = ui.allocate_exact_size(egui::vec2(64.0, 64.0), egui::Sense::hover());
                crate::access::describe(&pic, m.name.get(g.lang()));
                let painter = ui.painter_at(r);
                painter.rect_filled(r, 6.0, ui::art::WALL);
                ui::art::portrait(&painter, r, m.face, mood);
                ui.label(RichText::new(m.name.get(g.lang())).size(ui::SMALL));
            });
        }
    });
    ui.label(RichText::new(line).color(ui::red(ui)).size(ui::BODY + 1.0));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::rules::{Action, Lang};
    use crate::screens::shared::{Reveal, frame, frame_shift, names};
    use crate::session::Session;

    fn press(s: &Session, lang: Lang, shift: bool, keys: &[Key]) -> (Vec<Do>, Vec<String>) {
        let tr = Tr::load();
        let mut st = Settings::default();
        st.prefs.lang = lang;
        st.setup.guide = false;
        let mut started = Reveal::default();
        let mut did = Vec::new();
        let v = View::new(&tr, &st, Some(s));
        let mut draw = |ui: &mut egui::Ui| {
            did = body(ui, &v, &mut Typewriter::new(&mut started, &st));
        };
        let out = if shift {
            frame_shift(keys, &mut draw)
        } else {
            frame(keys, true, &mut draw)
        };
        (did, names(&out))
    }

    /// The third morning: the night's messages in full for a screen reader, Enter to the
    /// street, and Shift with 1 or 2 to play day 1 or 2 again (not Shift with 3: today).
    #[test]
    fn the_morning_goes_out_or_plays_a_day_again() {
        let mut s = Session::new("01", 7).expect("level 1");
        for _ in 0..2 {
            s.close_card(true);
            s.act(Action::EndDay);
            s.act(Action::Morning);
        }
        s.close_card(true);
        assert_eq!(s.state().day, 2);
        for lang in [Lang::En, Lang::Ko] {
            let (did, shown) = press(&s, lang, false, &[Key::Enter]);
            assert_eq!(did, vec![Do::Go(Screen::Street)], "{lang:?}");
            assert!(shown.iter().any(|n| n.starts_with("[Enter] ")), "{shown:?}");
        }
        assert_eq!(
            press(&s, Lang::En, true, &[Key::Num1]).0,
            vec![Do::Restart(0)]
        );
        assert_eq!(
            press(&s, Lang::En, true, &[Key::Num2]).0,
            vec![Do::Restart(1)]
        );
        assert!(press(&s, Lang::En, true, &[Key::Num3]).0.is_empty());
        assert!(
            press(&s, Lang::En, false, &[Key::Num1]).0.is_empty(),
            "1 alone"
        );
    }
}
