from django.urls import path

from . import views

app_name = "policies_public"

urlpatterns = [
    path("", views.index, name="index"),
    path("jsq/", views.calculator, name="calculator"),
    path("zc/", views.register, name="register"),
    path("zc/done/", views.registered, name="registered"),
    path("qr/<str:token>/", views.confirm, name="confirm"),
    path("wo/<str:token>/", views.mine, name="mine"),
    path("lj/", views.new_link, name="link"),
    path("<str:code>/", views.detail, name="detail"),
]
