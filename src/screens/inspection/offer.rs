//! Her answers at a stop and the money she would offer.

use super::*;

/// Her answers: hand it over (or accept what follows), talk, offer the money in the form,
/// refuse.
pub(super) fn answers(
    g: &View,
    ui: &mut egui::Ui,
    st: &GameState,
    insp: &Inspection,
    form: &BribeForm,
    one_under_another: bool,
) -> Option<Action> {
    let mut act = None;
    use ui::art::{Answer, answer_icon};
    let (hand, hands) = match (insp.stage, st.phone.present) {
        // With no phone there is nothing to hand over: they search her bag.
        (Stage::Stopped, false) => ("insp.no_phone_wait", Answer::Wait),
        (Stage::Stopped, true) => ("insp.hand_over", Answer::HandOver),
        _ => ("insp.accept", Answer::Wait),
    };
    let row = |ui: &mut egui::Ui, add: &mut dyn FnMut(&mut egui::Ui)| {
        if one_under_another {
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 8.0;
                add(ui)
            });
        } else {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 10.0;
                add(ui)
            });
        }
    };
    row(ui, &mut |ui| {
        // Each answer with what it does drawn on it (words alone on a strip of buttons read
        // as a form laid over the picture).
        let icon = |a: Answer| move |p: &egui::Painter, r: egui::Rect| answer_icon(p, r, a);
        if ui::key_button_icon(ui, Key::H, &g.t(hand), &icon(hands)) {
            act = Some(Action::HandOver);
        }
        if !insp.talked && ui::key_button_icon(ui, Key::T, &g.t("insp.talk"), &icon(Answer::Talk)) {
            act = Some(Action::Talk);
        }
        let held = st.wallet.get(form.currency);
        let offer = format!(
            "{} {}",
            g.t("insp.bribe"),
            money(form.currency, form.amount.min(held))
        );
        if held > 0 && ui::key_button_icon(ui, Key::B, &offer, &icon(Answer::Offer)) {
            act = Some(Action::Bribe {
                currency: form.currency,
                amount: form.amount,
            });
        }
        if ui::key_button_icon(ui, Key::R, &g.t("insp.refuse"), &icon(Answer::Refuse)) {
            act = Some(Action::Refuse);
        }
    });
    act
}

/// The offer's keys: its money ([Z] [X] [V], the same worth in the other money) and its
/// amount (PgUp / PgDn), never more than she holds.
pub(super) fn offer_keys(ui: &egui::Ui, st: &GameState, form: &mut BribeForm) {
    for (c, key) in OFFER_MONEY {
        if ui::pressed(ui.ctx(), key) {
            switch_money(st, form, c);
        }
    }
    let step = if form.currency == Currency::Won {
        10_000
    } else {
        10
    };
    let held = st.wallet.get(form.currency);
    if ui::pressed(ui.ctx(), Key::PageUp) {
        form.amount = (form.amount + step).min(held.max(1));
    }
    if ui::pressed(ui.ctx(), Key::PageDown) {
        form.amount = (form.amount - step).max(1);
    }
    form.amount = form.amount.clamp(1, held.max(1));
}

const OFFER_MONEY: [(Currency, Key); 3] = [
    (Currency::Won, Key::Z),
    (Currency::Yuan, Key::X),
    (Currency::Usd, Key::V),
];

/// The offer in money `c`: the same worth in whole notes, no more than she has.
fn switch_money(st: &GameState, form: &mut BribeForm, c: Currency) {
    if form.currency != c {
        let worth = st.to_won(form.currency, form.amount);
        let rate = st.to_won(c, 1).max(1);
        form.amount = ((worth + rate - 1) / rate).clamp(1, st.wallet.get(c).max(1));
        form.currency = c;
    }
}

/// The money she would offer: its amount, its money, what it is worth in won and what she
/// holds; how many more offers they will hear.
pub(super) fn offer_form(
    g: &View,
    ui: &mut egui::Ui,
    st: &GameState,
    insp: &Inspection,
    form: &mut BribeForm,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(g.t("insp.amount"));
        let held = st.wallet.get(form.currency);
        // A number field that cannot hold more than she has in this money: what is typed
        // is clamped as it is typed, so the value beside it is always the value of the
        // field (a typed ¥500 with ¥50 in her purse showed 500 and offered 50; issue 31).
        let id = ui.id().with("bribe-amount");
        let mut text = ui
            .data_mut(|d| d.get_temp::<String>(id))
            .filter(|t| t.parse::<i64>().ok() == Some(form.amount) || t.is_empty())
            .unwrap_or_else(|| form.amount.to_string());
        let r = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(110.0)
                .char_limit(12),
        );
        if r.changed() {
            let (amount, shown) = typed_amount(&text, held);
            if let Some(v) = amount {
                form.amount = v;
            }
            text = shown;
        }
        ui.data_mut(|d| d.insert_temp(id, text));
        for (c, key) in OFFER_MONEY {
            let key = ui::key_name(ui.ctx(), key);
            let on = form.currency == c;
            if ui::keycap::button(ui, &key, c.symbol(), None, Some(on), |b| b).clicked() {
                switch_money(st, form, c);
            }
        }
        let held = st.wallet.get(form.currency);
        form.amount = form.amount.clamp(1, held.max(1));
        ui.label(
            RichText::new(g.tf(
                "insp.amount_worth",
                &[
                    ("money", won(st.to_won(form.currency, form.amount))),
                    ("held", money(form.currency, held)),
                ],
            ))
            .color(ui::dim(ui)),
        );
    });
    // Offers are not endless: say how many more they will hear (the third refused one ends
    // the stop on their terms).
    let left = MAX_OFFERS.saturating_sub(insp.offers);
    ui.label(
        RichText::new(g.tf("insp.offers_left", &[("n", left.to_string())])).color(if left <= 1 {
            ui::red(ui)
        } else {
            ui::dim(ui)
        }),
    );
}

/// What a typed bribe comes to: its digits, at least 1 and at most what she holds in that
/// money, and the text the field then shows (empty while nothing is typed).
pub(super) fn typed_amount(text: &str, held: i64) -> (Option<i64>, String) {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return (None, String::new());
    }
    let v = digits
        .parse::<i64>()
        .unwrap_or(i64::MAX)
        .clamp(1, held.max(1));
    (Some(v), v.to_string())
}

/// Her answers on the picture's right side (`side`), one under another on a dark panel beside
/// her (no tail: pointing at her it read as a megaphone); her choice.
pub(super) fn beside(
    g: &View,
    ui: &mut egui::Ui,
    st: &GameState,
    insp: &Inspection,
    form: &BribeForm,
    side: egui::Rect,
) -> Option<Action> {
    let id = egui::Id::new("her answers beside her");
    // Level with her, in the side's middle (its height as last drawn).
    let h = ui
        .data(|d| d.get_temp::<f32>(id))
        .unwrap_or(side.height() * 0.6)
        .min(side.height());
    let top = (side.center().y - h / 2.0).max(side.top());
    let mut on = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(side.with_min_y(top))
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    // A slip of paper held up beside her, as how it ended is (a dark box laid on the picture
    // read as an app's dialog, over the onlookers).
    let drawn = egui::Frame::new()
        .fill(egui::Color32::from_rgb(248, 244, 232))
        .stroke(egui::Stroke::new(
            1.0,
            egui::Color32::from_rgb(170, 160, 140),
        ))
        .shadow(ui::paper_shadow([3, 4], 10, 70))
        .inner_margin(egui::Margin::symmetric(14, 12))
        .show(&mut on, |ui| {
            ui.set_width(ui.available_width());
            ui.visuals_mut().override_text_color = Some(egui::Color32::from_rgb(40, 36, 32));
            ui.label(
                RichText::new(g.t("insp.what_now"))
                    .font(egui::FontId::new(ui::H2, ui::heading_family())),
            );
            ui.add_space(4.0);
            answers(g, ui, st, insp, form, true)
        });
    ui::room::remember(ui, id, drawn.response.rect.height(), 1.0);
    drawn.inner
}
