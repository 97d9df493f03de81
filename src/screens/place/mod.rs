//! A place: buying and selling at today's prices, changing money, the repair stall.

use super::shared::{Hint, Shared, View};
use super::*;
use crate::rules::*;
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

/// How much and in which currency she trades (kept while she walks).
#[derive(Resource, Clone, Copy, PartialEq)]
struct TradeForm {
    qty: u32,
    currency: Currency,
}

impl Default for TradeForm {
    fn default() -> Self {
        TradeForm {
            qty: 1,
            currency: Currency::Won,
        }
    }
}

/// The tour's place scenes: the trade at `qty` kg, the guide's note on trading read.
pub fn trade_scene(world: &mut bevy::prelude::World, qty: u32) {
    world.resource_mut::<TradeForm>().qty = qty.max(1);
    world.resource_mut::<Settings>().setup.guide_seen |= Hint::Place.bit();
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TradeForm>().add_systems(
        EguiPrimaryContextPass,
        draw.in_set(Pass::Screen).run_if(on(Screen::Place)),
    );
}

fn draw(mut g: Shared, mut form: ResMut<TradeForm>) -> Result {
    let ctx = g.ctx()?;
    let mut form_now = *form;
    form_now.qty = form_now.qty.max(1);
    let selected = g.phone().selected;
    g.day_frame(&ctx, true, true, Some(Hint::Place), |g, ui| {
        body(ui, &g.view(), &mut form_now, selected)
    });
    form.set_if_neq(form_now);
    Ok(())
}

/// The trade at the place where she stands: its prices and her keys to buy and sell, the
/// money changer and the lenders, the phone seller, the repair stall (`selected`: the
/// phone's selected item). Returns her choices (Esc: back to the street).
fn body(ui: &mut egui::Ui, g: &View, form: &mut TradeForm, selected: Option<u32>) -> Vec<Do> {
    let lang = g.lang();
    let (mut qty, mut cur) = (form.qty.max(1), form.currency);
    let Some(s) = g.session else {
        return Vec::new();
    };
    let st = &s.state();
    let w = st.world.clone();
    let lv = w.lv();
    let here = &lv.places[st.place as usize];
    let mut act = None;
    let trades = !here.prices.is_empty();
    // The place's name, beside it what trading here costs or risks, and the way back (at the
    // top, where it is always in sight: at the foot of the first day's market it fell below
    // the window).
    let note = if trades && !here.stall {
        Some(g.t("place.grasshopper"))
    } else if trades && !st.stall_paid_today {
        Some(g.tf("place.stall_fee", &[("won", won(lv.costs.stall_fee_won))]))
    } else {
        None
    };
    // (In the row where the page is wide; on a narrow one its own line: a long note wrapped
    // in the row ran past the page's side.)
    // The same for [Esc]: beside the heading on a wide page; under it on a narrow one (the
    // headings' printed face is wider, and a heading that filled the row with the key
    // wrapped after it widened the page past its side).
    let wide = ui.available_width() >= 700.0;
    let title = format!("{} — {}", g.t("place.heading"), here.name.get(lang));
    let light = ui::art::Light::at(st.minute);
    // On a page large enough, the place is the page (issue 35: "put the scene first"): its
    // picture from edge to edge, the ground running on under the counter, the place's name on
    // a strip of paper over it, and what else she can do on a sheet lying on the ground.
    let stage = ui::stage::page(ui);
    if let Some(page) = stage {
        ui::stage::painter(ui, page).rect_filled(page, 0.0, ui::art::ground(light));
    }
    let heading_row = |ui: &mut egui::Ui| {
        if wide {
            ui.horizontal_wrapped(|ui| {
                ui::heading(ui, &title);
                if let Some(note) = note.as_ref() {
                    ui.label(RichText::new(note).color(ui::dim(ui)));
                }
                // (No more than the row has left: a space past its end widened the page.)
                ui.add_space(ui.available_width().clamp(0.0, 12.0));
                ui::key_button(ui, Key::Escape, &g.t("place.back"))
            })
            .inner
        } else {
            ui::heading(ui, &title);
            if let Some(note) = note.as_ref() {
                ui.label(RichText::new(note).color(ui::dim(ui)));
            }
            ui.horizontal(|ui| ui::key_button(ui, Key::Escape, &g.t("place.back")))
                .inner
        }
    };
    // (In the row where the page is wide; on a narrow one its own line: a long note wrapped
    // in the row ran past the page's side.)
    // The same for [Esc]: beside the heading on a wide page; under it on a narrow one (the
    // headings' printed face is wider, and a heading that filled the row with the key
    // wrapped after it widened the page past its side).
    let back = match stage {
        // (Staged: on the stall's board, a strip of paper across the page's top.)
        Some(_) => ui::stage::on_sheet(ui, heading_row),
        None => heading_row(ui),
    };
    if here.market_hours && !st.market_open() {
        ui.label(RichText::new(g.t("place.closed")).color(ui::red(ui)));
    }
    // Her keys for the quantity and the money, before the counter shows what they come to.
    if trades {
        counter::form_keys(ui, lv.carry_kg, &mut qty, &mut cur);
    }
    // Where she stands, seen, across the page, as tall as the room the trade leaves on the
    // screen (issue 35: the picture the main thing, the buying and selling still in sight):
    // where goods are traded, her behind her counter, and the counter under the picture with
    // the goods on it, each with its tag and its keys (the goods on the counter are the
    // trade); elsewhere the place, taller (the picture is all there is).
    let (most, aspect) = if trades { (300.0, 0.34) } else { (520.0, 0.6) };
    let (pic, room) = ui::room::picture(ui, "trade", (64.0, most), aspect, f32::INFINITY);
    // (Staged: drawn to the page's sides.)
    let (painter, drawn) = match stage {
        Some(page) => (
            ui::stage::painter(ui, page),
            pic.rect.with_min_x(page.left()).with_max_x(page.right()),
        ),
        None => (ui.painter_at(pic.rect), pic.rect),
    };
    if trades {
        ui::art::behind_counter(&painter, drawn, here.kind, light, here.stall);
    } else {
        ui::art::place_scene(&painter, drawn, here.kind, light, &[], here.stall);
    }
    let place = here.name.get(lang).to_string();
    crate::access::describe(&pic, &g.tf("pic.place", &[("place", place)]));
    if trades {
        act = counter::counter(g, ui, st, qty, cur, light);
    }
    // What else she can do here: on a sheet lying on the ground where the place is the page.
    let mut rest = |ui: &mut egui::Ui| {
        if trades {
            counter::form(g, ui, lv.carry_kg, &mut qty, &mut cur);
        } else if !here.changer && here.kind != PlaceKind::RepairStall {
            let nothing = if here.kind == PlaceKind::Home {
                "place.nothing_home"
            } else {
                "place.nothing"
            };
            ui.label(g.t(nothing));
        }
        // The money changer, the lenders, the phone seller, the repair stall.
        ui.scope(|ui| {
            if here.changer {
                act = act.take().or(changer(g, ui, st));
                act = act.take().or(lenders(g, ui, st));
            }
            if here.kind == PlaceKind::Market
                && !st.phone.present
                && ui::key_button(
                    ui,
                    Key::G,
                    &g.tf(
                        "place.buy_phone",
                        &[("yuan", lv.costs.new_phone_yuan.to_string())],
                    ),
                )
            {
                act = Some(Action::BuyPhone {
                    currency: Currency::Yuan,
                });
            }
            if here.kind == PlaceKind::RepairStall && st.phone.present {
                act = act.take().or(repair(g, ui, st, selected));
            }
        });
    };
    if stage.is_some() {
        ui::stage::on_sheet(ui, &mut rest);
    } else {
        rest(ui);
    }
    // (All of it under the picture: grown into room that is not there, the picture would
    // bring a scroll bar, which narrows the table until it turns to cards.)
    room.end(ui);
    *form = TradeForm { qty, currency: cur };
    let back = back.then_some(Do::Go(Screen::Street));
    act.map(Do::Act).into_iter().chain(back).collect()
}

/// Private lenders by the money changers: borrow a third of what they lend, repay what
/// her won covers.
fn lenders(g: &View, ui: &mut egui::Ui, st: &GameState) -> Option<Action> {
    let h = &st.lv().household;
    let mut act = None;
    ui.add_space(8.0);
    // (Each on one line with its heading: the room goes to the picture above.)
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(g.tf("place.loans", &[("days", h.loan_days.to_string())])).strong());
        let lend = h.loan_max_won / 3;
        if ui::key_button(ui, Key::F, &g.tf("place.borrow", &[("money", won(lend))])) {
            act = Some(Action::Borrow { won: lend });
        }
        let owed = st.home.debt();
        if owed > 0 {
            let pay = owed.min(st.wallet.won);
            if ui::key_button(ui, Key::I, &g.tf("place.repay", &[("money", won(pay))])) {
                act = Some(Action::Repay { won: pay });
            }
            ui.label(
                RichText::new(g.tf("evening.debt", &[("money", won(owed))])).color(ui::red(ui)),
            );
        }
    });
    act
}

fn changer(g: &View, ui: &mut egui::Ui, st: &GameState) -> Option<Action> {
    let mut act = None;
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(g.t("place.exchange")).strong());
        let (usd, cny) = st.rates();
        ui.label(format!("$1 = {}   ¥1 = {}", won(usd), won(cny)));
        for (from, to, amount, key) in [
            (Currency::Yuan, Currency::Won, 100, Key::A),
            (Currency::Usd, Currency::Won, 10, Key::S),
            (Currency::Won, Currency::Yuan, 100_000, Key::D),
        ] {
            let label = g.tf(
                "place.exchange_all",
                &[
                    ("amount", crate::rules::money(from, amount)),
                    ("to", g.t(currency_key(to))),
                ],
            );
            if ui::key_button(ui, key, &label) {
                act = Some(Action::Exchange { from, to, amount });
            }
        }
    });
    act
}

/// The repair stall: wipe the screenshot log, or give the selected file a state signature.
fn repair(g: &View, ui: &mut egui::Ui, st: &GameState, selected: Option<u32>) -> Option<Action> {
    let lv = st.lv();
    let mut act = None;
    ui.add_space(8.0);
    let c = &lv.costs;
    if ui::key_button(
        ui,
        Key::A,
        &g.tf(
            "place.wipe",
            &[
                ("won", won(c.repair_wipe_won)),
                ("min", c.repair_wipe_minutes.to_string()),
            ],
        ),
    ) {
        act = Some(Action::RepairWipe);
    }
    if let Some(item) = selected
        && ui::key_button(
            ui,
            Key::S,
            &g.tf(
                "place.convert",
                &[
                    ("won", won(c.repair_convert_won)),
                    ("min", c.repair_convert_minutes.to_string()),
                ],
            ),
        )
    {
        act = Some(Action::RepairConvert { item });
    }
    act
}

/// The moneys she pays and is paid in, each with its key.
const CURRENCY_KEYS: [(Currency, Key); 3] = [
    (Currency::Won, Key::Z),
    (Currency::Yuan, Key::X),
    (Currency::Usd, Key::V),
];

fn currency_key(c: Currency) -> &'static str {
    match c {
        Currency::Won => "cur.won",
        Currency::Yuan => "cur.yuan",
        Currency::Usd => "cur.usd",
    }
}

mod counter;
#[cfg(test)]
mod tests;
