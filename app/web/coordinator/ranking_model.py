"""Coordinator pages: the ranking models (metrics, features, training date), promotion and rollback."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import db
from app.models import RankingModel
from app.services.audit import Actor
from app.services.matcher import model_overview, promotion
from app.web.coordinator import bp
from app.web.coordinator import model_words as words
from app.web.coordinator.ranking_model_forms import ServingForm


@bp.get("/ranking-model", endpoint="ranking_model")
def ranking_model():
    view = model_overview.overview()
    return render_template("coordinator/ranking_model.html", view=view,
                           names=words.FEATURE_NAMES, hints=words.FEATURE_HINTS, share=words.share, ndcg=words.ndcg,
                           sentence=words.history_sentence)


@bp.post("/ranking-model/<int:model_id>/promote", endpoint="ranking_model_promote")
def ranking_model_promote(model_id):
    model = db.get_or_404(RankingModel, model_id)
    form = ServingForm()
    if form.validate_on_submit():
        try:
            check = promotion.promote(model, Actor.for_user(current_user, request.remote_addr), form.serving.data)
            flash(_("%(version)s now orders every ranking. The check ranking of %(openings)s approved openings "
                    "listed %(candidates)s candidates, every one eligible.", version=model.version,
                    openings=check.openings, candidates=check.candidates), "success")
        except promotion.PromotionRefused as refused:
            flash(words.refusal(refused), "error")
    return redirect(url_for(".ranking_model"))


@bp.post("/ranking-model/rollback", endpoint="ranking_model_rollback")
def ranking_model_rollback():
    form = ServingForm()
    if form.validate_on_submit():
        try:
            serving = promotion.roll_back(Actor.for_user(current_user, request.remote_addr), form.serving.data)
            flash(_("Rolled back: %(serving)s orders every ranking again.", serving=serving), "success")
        except promotion.PromotionRefused as refused:
            flash(words.refusal(refused), "error")
    return redirect(url_for(".ranking_model"))
