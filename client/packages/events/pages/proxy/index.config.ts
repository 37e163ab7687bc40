export default definePageConfig({ navigationBarTitleText: '代报名', enablePullDownRefresh: true })
