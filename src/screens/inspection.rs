//! An inspection as a scene: who stopped her, what they ask, what they find (drawn on
//! the phone as they see it), her choices and what follows.

use super::*;
use bevy_egui::egui::{Key, RichText};

pub fn show(g: &mut Game, ctx: &egui::Context) {
    let lang = g.settings.lang;
    let mut root = ui::root(ctx);
    egui::Panel::top("status").show(&mut root, |ui| status(g, ui));
    // During the search the phone is theirs: it shows what they found, no keys of hers.
    let in_progress = g
        .session
        .as_ref()
        .is_some_and(|s| s.state.inspection.is_some());
    if in_progress && let Some(insp) = g.session.as_ref().and_then(|s| s.state.inspection.clone()) {
        // Open the app where the first find is, as the inspector holds it.
        if let Some(first) = insp.found_items.first()
            && let Some(it) = g
                .session
                .as_ref()
                .and_then(|s| s.state.item(*first).cloned())
        {
            g.phone.app = match it.kind {
                ItemKind::Contact => ui::phone::App::Contacts,
                ItemKind::Thread => ui::phone::App::Messages,
                ItemKind::Photo | ItemKind::Video if it.storage == Storage::Internal => {
                    ui::phone::App::Gallery
                }
                _ => ui::phone::App::Files,
            };
            g.phone.sd = it.storage == Storage::Sd;
            g.phone.selected = Some(it.id);
        } else if !insp.found_shots.is_empty() {
            g.phone.app = ui::phone::App::Trace;
        }
    }
    phone_panel(g, &mut root, false);
    let mut act = None;
    let mut cont = false;
    let mut bribe = if g.menu.bribe > 0 {
        g.menu.bribe
    } else {
        20_000
    };
    let mut cur = g.menu.bribe_currency.unwrap_or(Currency::Won);
    egui::CentralPanel::default().show(&mut root, |ui| {
        let Some(s) = g.session.as_ref() else { return };
        let st = &s.state;
        let lv = st.lv();
        let inspector = s.inspection_log.iter().find_map(|e| match e {
            Event::Stopped { inspector, .. } => Some(*inspector),
            _ => None,
        });
        let Some(k) = inspector.or(st.inspection.as_ref().map(|i| i.inspector)) else {
            return;
        };
        let spec = &lv.inspectors[k as usize];
        ui::heading(
            ui,
            &format!("{} — {}", g.t("insp.heading"), spec.name.get(lang)),
        );
        ui.label(RichText::new(format!("{:?}", spec.kind)).color(ui::DIM));
        ui.add_space(6.0);
        ui.label(RichText::new(g.t("insp.demand")).size(ui::H2).italics());
        ui.add_space(8.0);
        if let Some(insp) = &st.inspection {
            if insp.stage == Stage::Searched {
                ui::subheading(ui, &g.t("insp.found"));
                for id in &insp.found_items {
                    if let Some(it) = st.item(*id) {
                        ui.label(
                            RichText::new(format!("• {}", st.item_name(it).get(lang)))
                                .color(ui::RED)
                                .size(ui::BODY + 1.0),
                        );
                    }
                }
                if !insp.found_shots.is_empty() {
                    ui.label(
                        RichText::new(format!(
                            "• {}",
                            g.tf("insp.screens", &[("n", insp.found_shots.len().to_string())])
                        ))
                        .color(ui::RED),
                    );
                }
                if insp.found_items.is_empty() && insp.found_shots.is_empty() {
                    ui.label(g.t("insp.found_nothing"));
                }
            }
            if insp.during_campaign {
                ui.label(RichText::new(g.t("insp.campaign")).color(ui::DIM));
            }
            ui.add_space(10.0);
            let hand = if insp.stage == Stage::Stopped {
                "insp.hand_over"
            } else {
                "insp.accept"
            };
            if ui::key_button(ui, Key::H, &g.t(hand)) {
                act = Some(Action::HandOver);
            }
            if !insp.talked && ui::key_button(ui, Key::T, &g.t("insp.talk")) {
                act = Some(Action::Talk);
            }
            ui.horizontal(|ui| {
                ui.label(g.t("insp.amount"));
                ui.add(
                    egui::DragValue::new(&mut bribe)
                        .range(1..=100_000_000)
                        .speed(500),
                );
                for (c, key) in [
                    (Currency::Won, Key::Z),
                    (Currency::Yuan, Key::X),
                    (Currency::Usd, Key::V),
                ] {
                    let sym = match c {
                        Currency::Won => "₩",
                        Currency::Yuan => "¥",
                        Currency::Usd => "$",
                    };
                    if ui
                        .selectable_label(cur == c, format!("[{}] {sym}", ui::key_name(key)))
                        .clicked()
                        || ui::pressed(ui.ctx(), key)
                    {
                        cur = c;
                    }
                }
                if ui::pressed(ui.ctx(), Key::PageUp) {
                    bribe += if cur == Currency::Won { 10_000 } else { 10 };
                }
                if ui::pressed(ui.ctx(), Key::PageDown) {
                    bribe = (bribe - if cur == Currency::Won { 10_000 } else { 10 }).max(1);
                }
                if ui::key_button(ui, Key::B, &g.t("insp.bribe")) {
                    act = Some(Action::Bribe {
                        currency: cur,
                        amount: bribe,
                    });
                }
            });
            if ui::key_button(ui, Key::R, &g.t("insp.refuse")) {
                act = Some(Action::Refuse);
            }
        } else {
            ui::subheading(ui, &g.t("insp.outcome"));
        }
        ui.add_space(10.0);
        for e in &s.inspection_log {
            if let Some(line) = describe(g, st, e) {
                ui.label(line);
            }
        }
        if st.inspection.is_none() {
            ui.add_space(10.0);
            cont = ui::key_button(ui, Key::Enter, &g.t("insp.continue"));
        }
    });
    g.menu.bribe = bribe;
    g.menu.bribe_currency = Some(cur);
    if let Some(a) = act {
        g.act(a);
    }
    if cont {
        let s = g.session.as_ref();
        let evening = s.is_some_and(|s| {
            s.inspection_log
                .iter()
                .any(|e| matches!(e, Event::Evening { .. }))
        });
        g.go(if evening {
            Screen::Evening
        } else {
            Screen::Street
        });
    }
}

fn describe(g: &Game, st: &GameState, e: &Event) -> Option<String> {
    let lang = g.settings.lang;
    let ko = lang == Lang::Ko;
    let money = |c: &Currency, a: &i64| match c {
        Currency::Won => ui::won(*a),
        Currency::Yuan => format!("¥{a}"),
        Currency::Usd => format!("${a}"),
    };
    Some(match e {
        Event::Stopped { place, .. } => {
            let p = st.lv().places[*place as usize].name.get(lang);
            if ko {
                format!("{p}에서 멈춰 세워졌다.")
            } else {
                format!("Stopped at {p}.")
            }
        }
        Event::Searched { items, shots, .. } => {
            if ko {
                format!(
                    "손전화를 뒤졌다: 항목 {}개, 화면 기록 {}장.",
                    items.len(),
                    shots.len()
                )
            } else {
                format!(
                    "They searched the phone: {} items, {} screenshots.",
                    items.len(),
                    shots.len()
                )
            }
        }
        Event::HiddenSdFound => (if ko {
            "숨긴 SD카드를 찾아냈다."
        } else {
            "They found the hidden SD card."
        })
        .into(),
        Event::PasswordCracked => (if ko {
            "손전화를 빼앗아 비밀번호를 풀었다."
        } else {
            "They took the phone and cracked its password."
        })
        .into(),
        Event::Excuse { accepted: true } => (if ko {
            "변명이 통했다."
        } else {
            "The excuse worked."
        })
        .into(),
        Event::Excuse { accepted: false } => (if ko {
            "변명이 통하지 않았다."
        } else {
            "The excuse did not work."
        })
        .into(),
        Event::BribeAccepted { currency, amount } => {
            if ko {
                format!("{}을 받았다.", money(currency, amount))
            } else {
                format!("They took {}.", money(currency, amount))
            }
        }
        Event::BribeRefused { currency, amount } => {
            if ko {
                format!("{}을 거절했다.", money(currency, amount))
            } else {
                format!("They refused {}.", money(currency, amount))
            }
        }
        Event::BribeDemanded { won } => {
            if ko {
                format!("'담배값'을 바란다 (약 {}).", ui::won(*won))
            } else {
                format!(
                    "They hint at \"something for cigarettes\" (about {}).",
                    ui::won(*won)
                )
            }
        }
        Event::Released => (if ko {
            "풀려났다."
        } else {
            "She is let go."
        })
        .into(),
        Event::Consequence(c) => consequence(*c, lang, g.settings.intensity),
        Event::ItemsConfiscated { count } => {
            if ko {
                format!("빼앗긴 항목: {count}개.")
            } else {
                format!("Items taken: {count}.")
            }
        }
        Event::FinePaid { won } => {
            if ko {
                format!("벌금 {}을 냈다.", ui::won(*won))
            } else {
                format!("Fine paid: {}.", ui::won(*won))
            }
        }
        Event::CriticismSession { days } => {
            if ko {
                format!("비판 무대에 세워진다: {days}일 동안 장사를 못 한다.")
            } else {
                format!("A criticism session: {days} days without trade.")
            }
        }
        _ => return None,
    })
}

pub fn consequence(c: Consequence, lang: Lang, intensity: Intensity) -> String {
    let ko = lang == Lang::Ko;
    let (en, kr, full_en, full_ko) = match c {
        Consequence::Warning => (
            "A warning.",
            "경고.",
            "They write her name down and let her go with a warning.",
            "이름을 적고 경고만 하고 보낸다.",
        ),
        Consequence::ForcedDeletion => (
            "Forced deletion.",
            "강제 삭제.",
            "She must delete what they found, there in the street, while they watch.",
            "찾아낸 것을 그 자리에서, 그들이 보는 앞에서 지워야 한다.",
        ),
        Consequence::Confiscation => (
            "The phone is confiscated.",
            "손전화 압수.",
            "They keep the phone: contacts, prices and photos go with it.",
            "손전화를 가져간다. 연락처도, 가격도, 사진도 함께 간다.",
        ),
        Consequence::Fine => (
            "Confiscation and a fine.",
            "압수와 벌금.",
            "They keep the phone and demand a fine on top.",
            "손전화를 가져가고 벌금까지 물린다.",
        ),
        Consequence::CriticismSession => (
            "Confiscation and a criticism session.",
            "압수와 비판 무대.",
            "She will stand before the neighbourhood unit and be criticised in public.",
            "인민반 앞에 서서 공개 비판을 받게 된다.",
        ),
        Consequence::Arrest => (
            "Arrest.",
            "체포.",
            "She is taken away under the 2020 law, which sets 5 to 15 years of correctional labour for foreign films and songs.",
            "2020년 법에 따라 끌려간다. 이 법은 외국 영화와 노래에 5~15년의 노동교화형을 정한다.",
        ),
    };
    match (ko, intensity) {
        (false, Intensity::Gentle) => en.into(),
        (true, Intensity::Gentle) => kr.into(),
        (false, Intensity::Full) => format!("{en} {full_en}"),
        (true, Intensity::Full) => format!("{kr} {full_ko}"),
    }
}
