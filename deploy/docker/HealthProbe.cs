#:property PublishAot=false
#:property OutputType=Exe
// The container healthcheck for images without a shell or curl (chiseled):
// `dotnet /probe/HealthProbe.dll http://127.0.0.1:8080/health/ready` exits 0 only on a 2xx answer.
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
try
{
    using var response = await http.GetAsync(args.Length > 0 ? args[0] : "http://127.0.0.1:8080/health/ready");
    return response.IsSuccessStatusCode ? 0 : 1;
}
catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
{
    return 1;
}
