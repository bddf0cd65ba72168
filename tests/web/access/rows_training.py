"""Rows for training: coordinators run programmes and cohorts; seekers enrol in their own name; anyone browses."""
from app.extensions import db
from app.models import CohortDemand
from tests.services.helpers_training import make_cohort, make_enrolment, make_programme
from tests.web.access import everyone, only, owned_by

ROWS = {
    "public.training": ("GET", "/training?scheme=BLK-CAREGIVER", everyone(200)),
    "seeker.training": ("GET", "/seeker/training?scheme=BLK-CAREGIVER", only("seeker")),
    "seeker.training_enrol": ("POST", "/seeker/training/{tr_cohort}/enrol", only("seeker", status=302)),
    "seeker.training_withdraw": ("POST", "/seeker/training/enrolments/{tr_enrolment}/withdraw",
                                 owned_by("seeker", status=302)),
    "coordinator.training": ("GET", "/coordinator/training", only("coordinator")),
    "coordinator.programme_new": ("GET", "/coordinator/training/programmes/new", only("coordinator")),
    "coordinator.programme_edit": ("GET", "/coordinator/training/programmes/{tr_programme}", only("coordinator")),
    "coordinator.cohort_new": ("GET", "/coordinator/training/cohorts/new?programme={tr_programme}",
                               only("coordinator")),
    "coordinator.cohort": ("GET", "/coordinator/training/cohorts/{tr_mine}", only("coordinator")),
    "coordinator.cohort_edit": ("GET", "/coordinator/training/cohorts/{tr_cohort}/edit", only("coordinator")),
    "coordinator.cohort_status": ("POST", "/coordinator/training/cohorts/{tr_cohort}/status",
                                  only("coordinator", status=302)),
    "coordinator.enrolment_update": ("POST", "/coordinator/training/enrolments/{tr_enrolment}",
                                     only("coordinator", status=302)),
    "coordinator.cohort_demand_add": ("POST", "/coordinator/training/cohorts/{tr_cohort}/demand",
                                      only("coordinator", status=302)),
    "coordinator.cohort_demand_remove": ("POST", "/coordinator/training/demand/{tr_demand}/remove",
                                         only("coordinator", status=302)),
    "coordinator.cohort_complete": ("POST", "/coordinator/training/cohorts/{tr_cohort}/complete",
                                    only("coordinator", status=302)),
}


def build(world):
    """An open cohort anyone may enrol in, and another where seeker A holds a place."""
    programme = make_programme()
    cohort, mine = make_cohort(programme), make_cohort(programme, starts_in=40)
    enrolment = make_enrolment(mine, world.users["seeker"].seeker)
    link = CohortDemand(cohort_id=cohort.id, partner_city_id=world.city_x.id, positions=5)
    db.session.add(link)
    db.session.commit()
    world.ids.update(tr_programme=programme.id, tr_cohort=cohort.id, tr_mine=mine.id, tr_enrolment=enrolment.id,
                     tr_demand=link.id)
