//! The ending and the debrief.

use super::*;
use bevy_egui::egui::{Key, RichText};

pub fn ending_text(e: Ending, lang: Lang) -> (&'static str, &'static str) {
    let ko = lang == Lang::Ko;
    let (t_en, t_ko, en, kr) = match e {
        Ending::Thriving => (
            "The business thrives",
            "장사가 번창했다",
            "The family ate every evening and there is money put by.",
            "가족은 저녁마다 먹었고 모아 둔 돈도 있다.",
        ),
        Ending::FamilyFed => (
            "The family was fed",
            "가족은 굶지 않았다",
            "Day after day there was grain on the table. Nothing more.",
            "날마다 밥상에 곡식이 있었다. 그것뿐이다.",
        ),
        Ending::FamilyHungry => (
            "The family went hungry",
            "가족이 굶었다",
            "Too many evenings without food: the children leave school to find work.",
            "먹지 못한 저녁이 너무 많았다. 아이들이 일거리를 찾아 학교를 떠난다.",
        ),
        Ending::BusinessRuined => (
            "The business is ruined",
            "장사가 망했다",
            "There is nothing left to trade with.",
            "장사할 밑천이 남지 않았다.",
        ),
        Ending::PhoneLost => (
            "The phone is gone, and the business with it",
            "손전화도 장사도 잃었다",
            "Without the phone there are no prices, no deals, no suppliers.",
            "손전화가 없으니 가격도, 거래도, 도매상도 없다.",
        ),
        Ending::StruggleSession => (
            "Public criticism",
            "공개 비판",
            "Criticised again before the neighbourhood: no one will trade with her now.",
            "인민반 앞에서 또 비판을 받았다. 이제 누구도 함께 장사하려 하지 않는다.",
        ),
        Ending::Arrested => (
            "Arrested",
            "체포",
            "Arrested under the 2020 law for what was on the phone.",
            "손전화에 있던 것 때문에 2020년 법으로 체포되었다.",
        ),
    };
    if ko { (t_ko, kr) } else { (t_en, en) }
}

pub fn ending(g: &mut Game, ctx: &egui::Context) {
    let lang = g.settings.lang;
    let mut next = false;
    let mut root = ui::root(ctx);
    egui::CentralPanel::default().show(&mut root, |ui| {
        let Some(s) = g.session.as_ref() else { return };
        let e = s.state.ending.unwrap_or(Ending::FamilyFed);
        let (title, text) = ending_text(e, lang);
        ui.vertical_centered(|ui| {
            ui.add_space(80.0);
            ui.label(
                RichText::new(g.t("ending.heading"))
                    .size(ui::H2)
                    .color(ui::DIM),
            );
            ui.label(RichText::new(title).size(44.0).strong());
            ui.add_space(12.0);
            ui.label(RichText::new(text).size(ui::H2));
            ui.add_space(20.0);
            let days = s.state.ledgers.len();
            ui.label(
                RichText::new(format!(
                    "{} {days} · {}",
                    g.t("common.day"),
                    s.state.lv().start.plus_days(days.max(1) as i32 - 1)
                ))
                .color(ui::DIM),
            );
            ui.add_space(30.0);
            next = ui::key_button(ui, Key::Enter, &g.t("ending.debrief"));
        });
    });
    if next {
        g.go(Screen::Debrief);
    }
}

pub fn debrief(g: &mut Game, ctx: &egui::Context) {
    let lang = g.settings.lang;
    let mut done = false;
    let mut root = ui::root(ctx);
    egui::CentralPanel::default().show(&mut root, |ui| {
        let Some(s) = g.session.as_ref() else { return };
        let st = &s.state;
        let r = &st.record;
        ui::heading(ui, &g.t("debrief.heading"));
        done = ui::key_button(ui, Key::Enter, &g.t("debrief.title"));
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.columns(2, |cols| {
                let ui = &mut cols[0];
                ui::subheading(ui, &g.t("debrief.record"));
                let lines = if lang == Lang::Ko {
                    vec![
                        format!("검열 {}번, 걸린 것 {}번", r.inspections, r.caught),
                        format!(
                            "뇌물 {} ({}번 제안, {}번 거절당함)",
                            ui::won(r.bribes_paid_won),
                            r.bribes_offered,
                            r.bribes_refused
                        ),
                        format!(
                            "빼앗긴 항목 {}개, 잃은 손전화 {}대",
                            r.items_confiscated, r.phones_lost
                        ),
                        format!(
                            "지운 항목 {}개, 손전화가 스스로 지운 것 {}개",
                            r.deleted, r.auto_deleted
                        ),
                        format!(
                            "전달한 소식 {}개, 굶은 저녁 {}번",
                            r.forwarded, r.hungry_days
                        ),
                        format!("최종 재산 {}", ui::won(st.net_worth())),
                    ]
                } else {
                    vec![
                        format!("{} inspections, caught {} times", r.inspections, r.caught),
                        format!(
                            "Bribes {} ({} offered, {} refused)",
                            ui::won(r.bribes_paid_won),
                            r.bribes_offered,
                            r.bribes_refused
                        ),
                        format!(
                            "{} items taken, {} phones lost",
                            r.items_confiscated, r.phones_lost
                        ),
                        format!(
                            "{} items deleted by you, {} by the phone itself",
                            r.deleted, r.auto_deleted
                        ),
                        format!(
                            "{} news forwarded, {} hungry evenings",
                            r.forwarded, r.hungry_days
                        ),
                        format!("Final worth {}", ui::won(st.net_worth())),
                    ]
                };
                for l in lines {
                    ui.label(l);
                }
                ui.add_space(8.0);
                // Money over the days, from the evening ledgers.
                let worth: Vec<i64> = st.ledgers.iter().map(|l| l.net_worth).collect();
                sparkline(ui, &worth);
                ui.add_space(8.0);
                ui::subheading(ui, &g.t("debrief.simplifies"));
                for t in &st.lv().simplifications {
                    ui.label(format!("• {}", t.get(lang)));
                }
                let ui = &mut cols[1];
                ui::subheading(ui, &g.t("debrief.questions"));
                for q in [
                    "debrief.q1",
                    "debrief.q2",
                    "debrief.q3",
                    "debrief.q4",
                    "debrief.q5",
                ] {
                    ui.label(format!("• {}", g.t(q)));
                }
                ui.add_space(8.0);
                ui::subheading(ui, &g.t("debrief.facts"));
                if let Some(cat) = st.world.catalog.as_ref() {
                    for id in &s.facts_seen {
                        if let Some(card) = cat.cards.iter().find(|c| &c.id == id) {
                            ui.label(RichText::new(card.title.get(lang)).strong());
                            ui.label(
                                RichText::new(source_line(&g.tr, lang, cat, card))
                                    .size(ui::SMALL)
                                    .color(ui::DIM),
                            );
                        }
                    }
                }
            });
        });
    });
    if done {
        g.commands.remove_resource::<Session>();
        g.go(Screen::Title);
    }
}

fn sparkline(ui: &mut egui::Ui, values: &[i64]) {
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width().min(420.0), 90.0),
        egui::Sense::hover(),
    );
    let p = ui.painter_at(rect);
    p.rect_stroke(
        rect,
        4.0,
        egui::Stroke::new(1.0, ui::DIM),
        egui::StrokeKind::Inside,
    );
    if values.len() < 2 {
        return;
    }
    let (lo, hi) = (
        *values.iter().min().unwrap_or(&0),
        *values.iter().max().unwrap_or(&1),
    );
    let span = (hi - lo).max(1) as f32;
    let pts: Vec<egui::Pos2> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            egui::pos2(
                rect.left() + 6.0 + (rect.width() - 12.0) * i as f32 / (values.len() - 1) as f32,
                rect.bottom() - 6.0 - (rect.height() - 12.0) * (*v - lo) as f32 / span,
            )
        })
        .collect();
    p.add(egui::Shape::line(pts, egui::Stroke::new(2.5, ui::BLUE)));
    p.text(
        rect.left_top() + egui::vec2(6.0, 4.0),
        egui::Align2::LEFT_TOP,
        ui::won(hi),
        egui::FontId::proportional(ui::SMALL),
        ui::DIM,
    );
    p.text(
        rect.left_bottom() + egui::vec2(6.0, -4.0),
        egui::Align2::LEFT_BOTTOM,
        ui::won(lo),
        egui::FontId::proportional(ui::SMALL),
        ui::DIM,
    );
}
