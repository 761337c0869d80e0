"""The public side of disclosure requests (网络受理平台): the application form, its confirmation,
the applicant's tracking page, and the limits that keep bots and floods out."""
