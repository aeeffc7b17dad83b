#:property PublishAot=false
// The container healthcheck for images without a shell or curl (chiseled):
// `dotnet /probe/HealthProbe.dll http://127.0.0.1:8080/health/ready` exits 0 only on a 2xx answer.
// PublishAot is off because file-based apps default to native AOT, which needs clang; the image has dotnet anyway.
// No proxy: a proxy variable in the container must not send the probe of its own loopback elsewhere.
using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(3) };
try
{
    using var response = await http.GetAsync(args.Length > 0 ? args[0] : "http://127.0.0.1:8080/health/ready");
    return response.IsSuccessStatusCode ? 0 : 1;
}
catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
{
    return 1;
}
