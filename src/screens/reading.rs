//! The class's reading arm (issue 34, point 5): instead of playing, the student reads the
//! level's story — the family, the money, the days — and every one of its fact cards, a few
//! to a page, then takes the same check. Right arrow or Enter turns the page, Left goes back;
//! the last page's Enter opens the check.

use super::shared::{Shared, View, card_block};
use super::*;
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

/// Which page is open.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq)]
pub struct ReadingUi {
    pub page: usize,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ReadingUi>().add_systems(
        EguiPrimaryContextPass,
        draw.in_set(Pass::Screen).run_if(on(Screen::Reading)),
    );
}

/// Fact cards a page: about a minute's reading each.
const CARDS_A_PAGE: usize = 3;

fn draw(mut g: Shared, mut at: ResMut<ReadingUi>) -> Result {
    let ctx = g.ctx()?;
    let mut out = None;
    let mut root = ui::root(&ctx);
    title::centered(&mut root, 760.0, |ui| {
        title::wrap(ui);
        out = body(ui, &g.view(), &mut at);
    });
    if let Some(d) = out {
        g.send(d);
    }
    Ok(())
}

/// The pages: the story first, then the level's cards. None of the game is played.
pub fn pages(lv: &crate::rules::Level) -> usize {
    1 + lv.facts.len().div_ceil(CARDS_A_PAGE)
}

fn body(ui: &mut egui::Ui, g: &View, at: &mut ReadingUi) -> Option<Do> {
    let s = g.session?;
    let world = &s.state().world;
    let lv = world.lv();
    let lang = g.lang();
    let total = pages(lv);
    at.page = at.page.min(total - 1);
    ui::heading(
        ui,
        &g.tf(
            "reading.heading",
            &[("level", lv.title.get(lang).to_string())],
        ),
    );
    ui.label(
        RichText::new(g.tf(
            "reading.page",
            &[
                ("n", (at.page + 1).to_string()),
                ("total", total.to_string()),
            ],
        ))
        .color(ui::dim(ui)),
    );
    ui.add_space(10.0);
    if at.page == 0 {
        story(ui, g, s);
    } else {
        let cat = &world.catalog;
        let from = (at.page - 1) * CARDS_A_PAGE;
        for id in lv.facts.iter().skip(from).take(CARDS_A_PAGE) {
            if let Some(card) = cat.cards.iter().find(|c| &c.id == id) {
                card_block(ui, g, cat, card, ui::H2 - 2.0);
                ui.add_space(12.0);
            }
        }
    }
    ui.add_space(14.0);
    let last = at.page + 1 == total;
    let mut out = None;
    ui.horizontal(|ui| {
        if at.page > 0 && ui::key_button(ui, Key::ArrowLeft, &g.t("reading.back")) {
            at.page -= 1;
        }
        let next = if last {
            g.t("reading.done")
        } else {
            g.t("reading.next")
        };
        let turned =
            ui::key_button(ui, Key::ArrowRight, &next) || ui::pressed(ui.ctx(), Key::Enter);
        if turned {
            if last {
                out = Some(Do::Check(crate::check::Phase::After));
            } else {
                at.page += 1;
            }
        }
    });
    out
}

/// The story as the briefing tells it: the level, the family, the money, the days.
fn story(ui: &mut egui::Ui, g: &View, s: &crate::session::Session) {
    let lang = g.lang();
    let st = s.state();
    let lv = st.lv();
    ui.label(RichText::new(lv.summary.get(lang)).size(ui::H2 - 2.0));
    ui.add_space(10.0);
    ui::subheading(ui, &g.t("briefing.family"));
    super::briefing::family(ui, g, lv);
    ui.add_space(8.0);
    ui::subheading(ui, &g.t("briefing.days"));
    let to = lv.start.plus_days(lv.days as i32 - 1);
    ui.label(g.tf(
        "reading.days",
        &[
            ("n", lv.days.to_string()),
            ("from", g.tr.date(lang, lv.start)),
            ("to", g.tr.date(lang, to)),
        ],
    ));
    ui.add_space(8.0);
    ui.label(RichText::new(g.t("reading.story_note")).color(ui::dim(ui)));
}
