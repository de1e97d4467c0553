from django.urls import path

from juntos.learning.views import catalogue, lessons, profile, staff, vault

app_name = "learning"
urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("courses/<int:course_id>/", catalogue.course, name="course"),
    path("sessions/<int:session_id>/enrol/", catalogue.enrol, name="enrol"),
    path("enrolments/<int:enrolment_id>/withdraw/", catalogue.withdraw, name="withdraw"),
    path("my/courses/", catalogue.my_courses, name="my_courses"),
    path(
        "enrolments/<int:enrolment_id>/classes.ics",
        catalogue.enrolment_calendar,
        name="enrolment_calendar",
    ),
    path("enrolments/<int:enrolment_id>/lessons/", lessons.course_lessons, name="course_lessons"),
    path("enrolments/<int:enrolment_id>/lessons/<int:lesson_id>/", lessons.lesson, name="lesson"),
    path(
        "enrolments/<int:enrolment_id>/lessons/<int:lesson_id>/read/",
        lessons.lesson_read,
        name="lesson_read",
    ),
    path(
        "enrolments/<int:enrolment_id>/lessons/<int:lesson_id>/quiz/",
        lessons.lesson_quiz,
        name="lesson_quiz",
    ),
    path("profile/", profile.profile, name="profile"),
    path("profile/start/", profile.profile_start, name="profile_start"),
    path("profile/edit/", profile.profile_edit, name="profile_edit"),
    path("profile/research/", profile.research_consent, name="research_consent"),
    path("profile/add/<slug:item>/", profile.profile_add, name="profile_add"),
    path(
        "profile/remove/<slug:item>/<int:item_id>/", profile.profile_remove, name="profile_remove"
    ),
    path("profile/grants/", profile.grant_add, name="grant_add"),
    path("profile/grants/<int:grant_id>/revoke/", profile.grant_revoke, name="grant_revoke"),
    path("claim/", profile.claim, name="claim"),
    path("profiles/<int:profile_id>/objectives/", profile.objective_add, name="objective_add"),
    path("objectives/<int:objective_id>/mark/", profile.objective_mark, name="objective_mark"),
    path("people/", profile.advisees, name="advisees"),
    path("people/<int:profile_id>/", profile.advisee, name="advisee"),
    path("workshops/", staff.workshops, name="workshops"),
    path("workshops/<int:workshop_id>/", staff.workshop, name="workshop"),
    path("workshops/<int:workshop_id>/attendees/", staff.attendee_add, name="attendee_add"),
    path(
        "workshops/<int:workshop_id>/attendance/",
        staff.workshop_attendance,
        name="workshop_attendance",
    ),
    path("teach/", staff.teach, name="teach"),
    path("teach/courses/<int:course_id>/", staff.teach_course, name="teach_course"),
    path("teach/courses/<int:course_id>/edit/", staff.course_edit, name="course_edit"),
    path(
        "teach/courses/<int:course_id>/texts/<slug:language>/",
        staff.course_text,
        name="course_text",
    ),
    path("teach/courses/<int:course_id>/lessons/", lessons.lessons, name="lessons"),
    path("teach/lessons/<int:lesson_id>/", lessons.lesson_edit, name="lesson_edit"),
    path("teach/lessons/<int:lesson_id>/questions/", lessons.question_add, name="question_add"),
    path(
        "teach/questions/<int:question_id>/remove/",
        lessons.question_remove,
        name="question_remove",
    ),
    path("sessions/<int:session_id>/edit/", staff.session_edit, name="session_edit"),
    path("sessions/<int:session_id>/roster/", staff.roster, name="roster"),
    path("sessions/<int:session_id>/gradebook/", staff.gradebook, name="gradebook"),
    path("sessions/<int:session_id>/message/", staff.class_message, name="class_message"),
    path(
        "sessions/<int:session_id>/attendance/", staff.roster_attendance, name="roster_attendance"
    ),
    path("enrolments/<int:enrolment_id>/assess/", staff.enrolment_assess, name="assess"),
    path("enrolments/<int:enrolment_id>/sign-off/", staff.enrolment_sign_off, name="sign_off"),
    path("enrolments/<int:enrolment_id>/remove/", staff.enrolment_remove, name="remove"),
    path("vault/", vault.vault, name="vault"),
    path("vault/<int:document_id>/file/", vault.document_file, name="document_file"),
    path("vault/<int:document_id>/share/", vault.document_share, name="document_share"),
    path("vault/<int:document_id>/delete/", vault.document_delete, name="document_delete"),
    path("vault/shares/<int:share_id>/revoke/", vault.share_revoke, name="share_revoke"),
    path("vault/attach/", vault.attach, name="attach"),
    path("vault/shared-with-me/", vault.shared_with_me, name="shared_with_me"),
    path("my/export/", vault.export, name="export"),
    path("my/delete/", vault.account_delete, name="account_delete"),
]
