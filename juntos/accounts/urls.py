from django.urls import path

from juntos.accounts import views

app_name = "accounts"
urlpatterns = [
    path("signup/", views.signup_language, name="signup"),
    path("signup/details/", views.signup, name="signup_details"),
    path("signup/code/", views.signup_verify, name="signup_verify"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/code/", views.password_reset_confirm, name="password_reset_confirm"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("account/", views.account_home, name="home"),
    path("account/second-step/", views.second_factor_verify, name="second_factor"),
    path("account/second-step/setup/", views.second_factor_setup, name="second_factor_setup"),
]
