from django.urls import path

from juntos.research import views

app_name = "research"

urlpatterns = [
    path("projects/", views.projects, name="projects"),
    path("projects/new/", views.project_new, name="project_new"),
    path("projects/<int:project_id>/", views.project, name="project"),
    path("projects/<int:project_id>/extracts/", views.extract_new, name="extract_new"),
    path("extracts/<int:extract_id>/links/", views.link_new, name="link_new"),
    path("download/<str:token>/", views.download, name="download"),
    path("labour-need/", views.labour_need, name="labour_need"),
]
