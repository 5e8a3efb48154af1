def site(request):
    return {"site_name": "Octet"}
